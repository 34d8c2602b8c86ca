#!/usr/bin/env bash
# `npm test`: the type check runs beside the unit and content tests (it needs one core for about
# 25 s and they are light), then the claims (real training runs, two files at a time), then the
# build and the browser tests. Any failure fails the whole run.
set -u
npx tsc --noEmit &
typecheck=$!
npx vitest run --project unit --project content
unit=$?
wait "$typecheck"
types=$?
if [ "$types" -ne 0 ]; then echo "npm test: the type check failed (errors above)" >&2; fi
if [ "$unit" -ne 0 ] || [ "$types" -ne 0 ]; then exit 1; fi
npx vitest run --project claims || exit 1
npm run test:e2e

import { LazyDemo, type LazyDemoProps } from '../demo/LazyDemo';
import { Island } from './Island';

/** A note's live demo: the placeholder is static HTML; the demo loads when it nears the viewport. */
export function DemoIsland(props: LazyDemoProps) {
  return (
    <Island name="demo" props={props}>
      <LazyDemo {...props} />
    </Island>
  );
}

import Link from 'next/link';
import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'How to read the demos',
  description: 'What a seed is, how the pass thresholds were fixed, what “reproduced” and “illustrated” mean on this site, and how to run a demo from the command line.',
};

/**
 * How to read the demos. Every demo links here (/about/demos), and notes may link to a section
 * (/about/demos#seeds and so on). The ids are part of the site's URLs: keep them.
 */
export default function DemosGuidePage() {
  return (
    <div className="page prose">
      <p className="note-kicker">About</p>
      <h1>How to read the demos</h1>
      <p className="lede">
        Many notes come with a demo: a small model that trains in your browser on synthetic data and checks one of the paper’s claims on that run. This
        page says what the numbers and the verdict mean, and what they do not.
      </p>

      <h2 id="seeds">What a seed is</h2>
      <p>
        On this site “seed” always means a <em>random seed</em>: the whole number that fixes every random choice in a run, from the sample of synthetic
        data and the initial weights to the order of the minibatches and the noise a model draws while training. The same seed with the same settings
        gives the same run. A different seed gives a different run that is just as valid, so trying a few seeds shows how much a number owes to luck.
        When a note quotes demo numbers it gives their median and range over the <a href="#recorded">recorded seeds</a>.
      </p>

      <h2 id="thresholds">Thresholds were fixed before the reported runs</h2>
      <p>
        Each demo ends in a verdict computed by a few checks, and each check compares a number with a threshold, such as “the mean code’s total
        correlation is more than five times the sampled code’s”. Those thresholds were chosen on <em>calibration seeds</em>, numbered from 100 up (100 to 104
        for most demos, more for a few, up to 100 to 229 for the neural tangent kernel; each experiment’s source says which), and only
        then were the <em>test seeds</em> 1, 2 and 3 run. The test suite re-runs every experiment on
        seeds 1 to 3 at the default settings and asserts the verdict. Choosing thresholds on
        the reported seeds would let a threshold fit the noise of exactly the runs it is meant to judge; fixing them on other seeds first is what
        makes a pass mean something.
      </p>

      <h2 id="recorded">Your run among the recorded seeds</h2>
      <p>
        One run is one draw. So that you can tell whether yours was typical, every experiment has also been run in advance at its default settings on
        twenty <em>recorded seeds</em>, 1001 to 1020, which neither the thresholds nor the tests used. Under each verdict the demo says on how many of
        them the claim held (“held on 19 of 20”, and which check failed on the others), and once your run ends it draws each headline number as a
        strip: a grey dot per recorded seed and a blue mark for your run, with the median and range beside it. If you changed a setting, the recorded
        seeds ran under different conditions, so the demo says so instead of comparing. Pick a seed from 1001 to 1020 and your run repeats a recorded one
        exactly.
      </p>
      <p>
        The numbers the notes quote from a demo come from the same records, rendered when the site is built, so a note cannot drift from the code:
        the test suite re-runs one recorded seed of every experiment each day and requires exactly the recorded numbers, and a record made before
        a change to its experiment is refused until it is made again.
      </p>

      <h2 id="reproduced">What “reproduced” means</h2>
      <p>
        <strong>Claim reproduced</strong> means that on this run a small model, trained on synthetic data whose generating factors we know, behaved as
        the paper says models behave, by the checks listed under the verdict. The run could have come out otherwise: the checks test the paper’s claim,
        with thresholds fixed in advance.
      </p>
      <p>
        It does not mean that the paper’s numbers were reproduced, or its scale, architecture or data. A demo trains a model small enough to learn in
        seconds on a laptop processor, on data we generate; most of the papers trained far larger networks on real datasets. A pass says the mechanism the paper
        describes shows up at toy scale; a failure says it did not on this run, and the notes report failures as plainly as passes. The{' '}
        <Link href="/notes/vae-disentanglement">VAE note</Link> has an example of each.
      </p>

      <h2 id="illustrated">What “illustrated” means</h2>
      <p>
        Some panels could not have come out otherwise, and the notes call them <strong>illustrated</strong> rather than reproduced. One kind shows an
        identity. In the disentanglement demo, rotating a VAE’s latent space leaves its evidence lower bound unchanged because the Gaussian prior is
        rotation-invariant and the rotation can be folded into the decoder; the recomputed bound agreeing is a check on our code, not evidence for the
        paper. Another kind shows a single direction: one comparison that moves the way the paper reports, with no test that could have told the
        claim apart from noise or from other explanations. An illustration is there to make an argument visible, not to test it.
      </p>

      <h2 id="command-line">The same run from the command line</h2>
      <p>
        A demo’s experiment is one TypeScript file. The page runs it in a Web Worker, and the command line runs the same file in Node, with the same
        seeded random numbers. With the same seed, settings and backend, the numbers should agree to the digits shown; if they do not, that is a bug
        worth reporting. The TensorFlow.js backend in use (<code>wasm</code> by default, <code>cpu</code> as a fallback) is shown under each demo, and
        two backends may differ in the last digits, because they order floating-point arithmetic differently. From a checkout of the site’s source:
      </p>
      <pre>
        <code>{`npm run experiment -- --help              # lists the experiments
npm run experiment -- vae --help          # one experiment's settings and their ranges
npm run experiment -- vae --seed 2        # the vae demo at its defaults, seed 2
npm run experiment -- vae --seed 2 --set beta=8 --backend cpu --json`}</code>
      </pre>
      <p>
        In general: <code>npm run experiment -- &lt;id&gt; --seed N</code>, with <code>--set key=value</code> for each changed setting. The command
        prints the metrics and the verdict with its checks; <code>--json</code> prints them as one JSON object.
      </p>
    </div>
  );
}

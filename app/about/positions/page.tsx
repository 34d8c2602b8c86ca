import Link from 'next/link';
import type { Metadata } from 'next';

export const metadata: Metadata = {
  title: 'Where we stand',
  description: 'Two judgements that recur across the notes, each argued once: interpretability as a common language between people and networks, and its link to eliciting latent knowledge.',
};

/**
 * The site's stated positions. Notes link here (/about/positions#<id>) instead of restating a
 * thesis, so each one is argued in one place. The ids are part of the site's URLs: keep them.
 */
export default function PositionsPage() {
  return (
    <div className="page prose">
      <p className="note-kicker">About</p>
      <h1>Where we stand</h1>
      <p className="lede">
        The notes report what papers claim and found. A few judgements of our own come up in several of them; each is argued once on this page, and the
        notes link here instead of repeating it. Inside a note, our opinions sit in boxes titled “Our view”, kept apart from the paper’s claims.
      </p>

      <h2 id="common-language">Interpretability as a common language</h2>
      <p>
        <strong>The position.</strong> Interpretability, as we use the word, is the work of building a vocabulary that a person and a network share: terms
        that pick out something the network really computes with, and that a person can understand and act on. An explanation is a statement in that
        vocabulary. It can fail in two separate ways: a term may name nothing the network uses, or a statement may be false of the network even though
        its terms are good.
      </p>
      <p>
        <strong>Why we hold it.</strong> First, it covers both families of method that the notes describe, and shows what they have in common. Concept
        models such as <Link href="/notes/concept-bottleneck-models">concept bottleneck models</Link> (Koh et al., 2020) and{' '}
        <Link href="/notes/concept-whitening">concept whitening</Link> start from the human side: the terms come from a labelled concept dataset, and the
        network is trained to route its prediction through them. Circuit-style work, such as Olah et al.’s{' '}
        <a href="https://distill.pub/2020/circuits/zoom-in/">“Zoom In”</a> (2020), starts from the network’s side: it finds units and directions inside
        a trained model and then names them. Both end with a word tied to an internal quantity; they differ in which side proposes the word.
      </p>
      <p>
        Second, it explains why evaluation is hard. Rumbelow’s{' '}
        <Link href="/notes/ground-truth-problem">ground truth problem</Link> (2022) is that two explanations of one model can both read well and still
        disagree. Readability checks only the human half of a translation; whether the statement is true of the model is a separate question, and the
        one that needs a reference answer.
      </p>
      <p>
        Third, it turns <Link href="/notes/adversarial-examples-are-features">adversarial examples</Link> into an interpretability problem. Ilyas et al.
        (2019) show that image classifiers rely on features that predict the label but that people cannot perceive. No vocabulary made only of human
        concepts can describe such a model faithfully. Either the vocabulary grows to include those features, or the model is constrained to use
        features people already have words for, which is what robust training and concept bottlenecks each do in their own way.
      </p>
      <p>
        Fourth, it says how to test an explanation: in both directions. From network to words, does the description predict what the network does on
        new inputs? From words to network, if we set a term’s value by hand, as in a concept bottleneck’s test-time intervention, does the network
        respond as the word says it should?
      </p>
      <p>
        <strong>Where it draws the line.</strong> Stephen Casper’s definition in{' '}
        <Link href="/notes/engineers-interpretability-sequence">the engineer’s interpretability sequence</Link> (2023) counts any method that lets us
        predict or describe something new about a system. Ours is narrower. Working out how bias in a dataset becomes bias in the trained model is
        valuable, but unless it ties a term to something inside the network we would call it analysis of the model rather than interpretability. The
        price is that every evaluation of an interpretation involves a person, or a stand-in for one; the gain is a definition that says what an
        explanation is for.
      </p>
      <p>
        <strong>What would change our mind.</strong> If most of what capable networks compute with turns out to have no counterpart that people could
        learn to name, a shared vocabulary is the wrong goal, and guarantees about behaviour of the kind Casper argues for are the better target.
      </p>

      <h2 id="latent-knowledge">Interpretability and eliciting latent knowledge</h2>
      <p>
        <strong>The position.</strong> The hard core of interpretability’s evaluation problem and the problem of eliciting latent knowledge (ELK) are
        the same problem. ELK, as Christiano, Cotra and Xu state it in their{' '}
        <a href="https://docs.google.com/document/d/1WwsnJQstPq91_Yh-Ch2XRL8H_EpsnjrC1dwZXR37PC8">2021 report</a>, asks how to get a model to tell us
        what it knows in cases where we cannot check the answer. An interpretability method is needed most in the same cases: when the network knows or
        does something we did not expect. In both, the examples we are able to label are the ones where we need help least.
      </p>
      <p>
        <strong>Why we hold it.</strong> Labels come from people. Where a model knows more than its labellers, the labels on exactly the interesting
        cases are missing or wrong, and a method fitted or validated against them can learn to report what a person would say instead of what the
        model represents. The ELK report treats this failure, a reporter that simulates the human, as the central one; the reporter it wants instead translates the model’s internal state into our terms, which is a common language in the sense of the position above. Interpretability has a direct
        counterpart: a method chosen because its output looks sensible to people. Adebayo et al.’s sanity checks (2018) found saliency maps that
        looked convincing and barely depended on the model’s weights; see{' '}
        <Link href="/notes/engineers-interpretability-sequence#feature-attribution-and-saliency">the feature-attribution section</Link> of the
        engineer’s sequence note.
      </p>
      <p>
        The usual substitutes for ground truth do not close the gap. Planted trojans (Casper et al., 2023), synthetic data with known generating
        factors (as in Locatello et al.’s <Link href="/notes/vae-disentanglement">disentanglement study</Link>, 2019, and in this site’s demos) and
        compiled transformers (Tracr; Lindner et al., 2023) give a reference answer, but only for structure someone put there. A method that fails such
        a test is broken. A method that passes has shown a necessary property, not that it will find what nobody planted.
      </p>
      <p>
        <Link href="/notes/contrast-consistent-search">Contrast-consistent search</Link> (Burns et al., 2023) makes the link concrete. It replaces labels
        with a property that truth has (a statement and its negation get probabilities that sum to one) and searches activations for a direction with
        that property. Farquhar et al. (2023) show that many features other than truth have the same property, including a simulated character’s
        opinion that appears in the prompt, and that the search can latch onto them. The general lesson, for ELK and for interpretability: a label-free
        criterion needs an argument for why the thing we want, and nothing else, satisfies it.
      </p>
      <p>
        <strong>What follows for these notes.</strong> For each method we ask what else, besides the property it targets, could meet its criterion. We
        read results on planted or synthetic ground truth, our own demos included, as checks a method must pass, not as evidence that it is reliable
        where no answer is known.
      </p>
      <p>
        <strong>What would change our mind.</strong> A label-free criterion with an argument that only a model’s own beliefs satisfy it; or evidence
        that methods which pass planted-ground-truth tests find the bugs models acquire on their own at a similar rate.
      </p>
    </div>
  );
}

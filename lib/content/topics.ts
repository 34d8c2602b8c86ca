import topicsJson from '../../content/topics.json';

export interface Topic {
  id: string;
  title: string;
  blurb: string;
}

/** The fixed list of topics; a note's frontmatter may only use these ids. */
export const TOPICS: readonly Topic[] = topicsJson as Topic[];
export const TOPIC_IDS: readonly string[] = TOPICS.map((t) => t.id);

export function topicById(id: string): Topic | undefined {
  return TOPICS.find((t) => t.id === id);
}

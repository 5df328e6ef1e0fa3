import type { Question } from 'schema-dts';
import type { Faq } from '../content/schemas.ts';
import { renderMarkdown } from '../markdown.ts';
import type { NodeOf } from './types.ts';

export type QuestionNode = NodeOf<Question, 'Question'>;

/**
 * The questions a page shows, each with its one answer. The answer text is the HTML the page
 * renders from the writer's Markdown (FaqList uses the same renderMarkdown), which Google allows
 * in Answer.text.
 */
export function buildQuestions(faqs: Faq[], options: { lang?: string | undefined } = {}): QuestionNode[] {
  return faqs.map((faq) => {
    const lang = faq.lang ?? options.lang;
    return {
      '@type': 'Question',
      name: faq.question,
      ...(lang === undefined ? {} : { inLanguage: lang }),
      acceptedAnswer: { '@type': 'Answer', text: renderMarkdown(faq.answer).trim() },
    };
  });
}

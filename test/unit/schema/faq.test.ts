import { describe, expect, it } from 'vitest';
import { buildQuestions } from '@/lib/schema/faq.ts';
import { renderMarkdown } from '@/lib/markdown.ts';

describe('buildQuestions', () => {
  it('makes one Question with one Answer per FAQ, in order', () => {
    expect(
      buildQuestions([
        { question: 'Do I need an X-ray?', answer: 'Often not. A clinician checks **whether** you can bear weight.' },
        { question: 'Is there a wait?', answer: 'Mornings are quietest.\n\n- Call ahead\n- Or walk in' },
      ]),
    ).toMatchInlineSnapshot(`
      [
        {
          "@type": "Question",
          "acceptedAnswer": {
            "@type": "Answer",
            "text": "<p>Often not. A clinician checks <strong>whether</strong> you can bear weight.</p>",
          },
          "name": "Do I need an X-ray?",
        },
        {
          "@type": "Question",
          "acceptedAnswer": {
            "@type": "Answer",
            "text": "<p>Mornings are quietest.</p>
      <ul>
      <li>Call ahead</li>
      <li>Or walk in</li>
      </ul>",
          },
          "name": "Is there a wait?",
        },
      ]
    `);
  });

  it.each(['Plain text.', 'A [link](https://r.example/) and *emphasis*.', 'Two paragraphs.\n\nThe second one.', 'Text with <script>alert(1)</script> & an ampersand.'])(
    'answers %j with the HTML the page renders',
    (answer) => {
      const [question] = buildQuestions([{ question: 'Q?', answer }]);
      expect(question?.acceptedAnswer).toEqual({ '@type': 'Answer', text: renderMarkdown(answer).trim() });
    },
  );
});

describe('buildQuestions in another language', () => {
  it("says the language of a question that has its own, or the page's", () => {
    const questions = buildQuestions(
      [
        { question: '¿Necesito una radiografía?', answer: 'A menudo no.', lang: 'es' },
        { question: 'Do I need an X-ray?', answer: 'Often not.' },
      ],
      { lang: 'vi' },
    );
    expect(questions.map((q) => q.inLanguage)).toEqual(['es', 'vi']);
    expect(buildQuestions([{ question: 'Q?', answer: 'A.' }])[0]).not.toHaveProperty('inLanguage');
  });
});

import type { Locator, Page } from '@playwright/test';

type FilterName = 'location' | 'specialty' | 'language' | 'accepting';

/** The provider directory at /providers/, whose selects narrow the list with CSS alone. */
export class ProviderDirectory {
  readonly page: Page;
  readonly cards: Locator;
  readonly count: Locator;

  constructor(page: Page) {
    this.page = page;
    this.cards = page.locator('.directory__results > li');
    this.count = page.locator('.directory__count');
  }

  async open(): Promise<void> {
    await this.page.goto('/providers/');
  }

  filter(name: FilterName): Locator {
    return this.page.locator(`select#f-${name}`);
  }

  /** Picks an option by its visible label, as a visitor would. */
  async choose(name: FilterName, label: string): Promise<void> {
    await this.filter(name).selectOption({ label });
  }

  /** Paths of the provider pages linked from the cards on screen, sorted. */
  async visibleProviderPaths(): Promise<string[]> {
    const links = this.page.locator('.directory__results > li:visible .card__title a');
    return (await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''))).sort();
  }

  /**
   * The count line as rendered. The number is a CSS counter in `::after`, which no DOM property
   * exposes, so this reads Chromium's accessibility tree, which holds the laid-out text.
   */
  async countText(): Promise<string> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '.directory__count' });
      const { node } = await cdp.send('DOM.describeNode', { nodeId });
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const byId = new Map(nodes.map((n) => [n.nodeId, n]));
      const text: string[] = [];
      const collect = (id: string): void => {
        const n = byId.get(id);
        if (n === undefined) return;
        if (n.role?.value === 'StaticText') text.push(String(n.name?.value ?? ''));
        else n.childIds?.forEach(collect);
      };
      const paragraph = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId);
      if (paragraph === undefined) throw new Error('The count line is not in the accessibility tree.');
      collect(paragraph.nodeId);
      return text.join('').replace(/\s+/g, ' ').trim();
    } finally {
      await cdp.detach();
    }
  }
}

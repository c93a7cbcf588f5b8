/**
 * Browser APIs jsdom lacks that Fluent UI touches (MessageBar's reflow uses ResizeObserver).
 * Import first in each pane test.
 */
class ResizeObserverShim {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const g = globalThis as { ResizeObserver?: unknown };
if (!g.ResizeObserver) g.ResizeObserver = ResizeObserverShim;

// The few parts of the reference renderer and the spec's examples the CommonMark suite test uses.
declare module 'commonmark' {
  export interface Node {
    readonly type: string;
    readonly literal: string | null;
    readonly destination: string | null;
    readonly firstChild: Node | null;
    readonly next: Node | null;
  }
  export class Parser {
    parse(text: string): Node;
  }
}
declare module 'commonmark-spec' {
  export const tests: readonly { markdown: string; html: string; section: string; number: number }[];
}

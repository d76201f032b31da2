import type { Definition, Image, Link, Nodes, Root } from 'mdast';

/**
 * Reference-style links and images (`[text][id]` with `[id]: https://…` elsewhere) become ordinary links
 * and images, so their words and addresses are kept like any other.
 */
export function resolveReferences(tree: Root): void {
  const definitions = new Map<string, Definition>();
  const collect = (node: Nodes) => {
    // The first definition of a label wins, as CommonMark says; later ones are ignored.
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(tree);
  const visit = (node: Nodes) => {
    if (!('children' in node)) return;
    node.children = node.children.map((child) => {
      const definition = 'identifier' in child ? definitions.get(child.identifier) : undefined;
      if (child.type === 'linkReference' && definition) {
        const link: Link = {
          type: 'link',
          url: definition.url,
          title: definition.title ?? null,
          children: child.children,
        };
        if (child.position) link.position = child.position;
        return link;
      }
      if (child.type === 'imageReference' && definition) {
        const image: Image = {
          type: 'image',
          url: definition.url,
          title: definition.title ?? null,
          alt: child.alt ?? null,
        };
        if (child.position) image.position = child.position;
        return image;
      }
      return child;
    }) as typeof node.children;
    for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
}

import type { StructNode, StructRole } from './types.js';

/**
 * Heading levels as a reader meets them: the first heading is H1 and none is more than one level below the
 * heading before it (PDF/UA, Matterhorn 14-002 and 14-003). A template's panel may set its title as H3 right
 * after the cover's H1; the tags then say H2, while the drawn size stays the template's.
 */
export function levelHeadings(nodes: readonly StructNode[]): StructNode[] {
  // Each open heading: its level as written and as tagged.
  const open: { written: number; tagged: number }[] = [];
  const visit = (node: StructNode): StructNode => {
    const written = headingLevel(node.role);
    let role = node.role;
    if (written !== null) {
      while (open.length > 0 && (open.at(-1)?.written ?? 0) >= written) open.pop();
      const tagged = Math.min(6, (open.at(-1)?.tagged ?? 0) + 1);
      open.push({ written, tagged });
      role = `H${tagged}` as StructRole;
    }
    const children = node.children.map(visit);
    return role === node.role && children.every((child, i) => child === node.children[i])
      ? node
      : { ...node, role, children };
  };
  return nodes.map(visit);
}

function headingLevel(role: StructRole): number | null {
  const match = /^H([1-6])$/.exec(role);
  return match ? Number(match[1]) : null;
}

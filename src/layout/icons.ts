/**
 * Icons drawn as vectors (crisp at any size, no font needed), each as shapes in a 24 × 24 box: "ink" is
 * the icon's colour, "paper" the white cut out of it. Drawn here, for this project.
 */
const icons = {
  // A warning triangle with an exclamation mark.
  alert: [
    { d: 'M12 1.5 L23.2 21.5 Q23.6 22.5 22.5 22.5 L1.5 22.5 Q0.4 22.5 0.8 21.5 Z', fill: 'ink' },
    { d: 'M10.8 8 L13.2 8 L12.8 15.5 L11.2 15.5 Z', fill: 'paper' },
    { d: 'M10.7 18.3 A1.3 1.3 0 1 0 13.3 18.3 A1.3 1.3 0 1 0 10.7 18.3 Z', fill: 'paper' },
  ],
  // An information disc with a lower-case i.
  info: [
    { d: 'M1 12 A11 11 0 1 0 23 12 A11 11 0 1 0 1 12 Z', fill: 'ink' },
    { d: 'M10.8 10 L13.2 10 L13.2 18 L10.8 18 Z', fill: 'paper' },
    { d: 'M10.7 6.8 A1.3 1.3 0 1 0 13.3 6.8 A1.3 1.3 0 1 0 10.7 6.8 Z', fill: 'paper' },
  ],
} as const;

export type IconName = keyof typeof icons;

/** The icon's shapes with its colours filled in. */
export function iconShapes(name: IconName, color: string): { d: string; fill: string }[] {
  return icons[name].map((shape) => ({ d: shape.d, fill: shape.fill === 'ink' ? color : '#FFFFFF' }));
}

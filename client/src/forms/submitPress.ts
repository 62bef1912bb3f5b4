// Whether a field loses focus because its form's submit button is being pressed. Checking the field then would show
// its message between the press and the release, push the button from under the pointer and lose the click; the
// submit checks every field anyway.

// The element under the last press, until its click or a key: Safari and iOS do not focus a pressed button, so a
// blur towards it has no relatedTarget.
let pressed: EventTarget | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('pointerdown', (event) => (pressed = event.target), true);
  for (const type of ['click', 'keydown'])
    document.addEventListener(type, () => setTimeout(() => (pressed = null)), true);
}

export type BlurEvent = { currentTarget?: unknown; relatedTarget?: unknown };

/** Whether focus goes from `field` to a submit button of the field's own form (false for anything else). */
export function movesToSubmit(field: unknown, next: unknown): boolean {
  const from = field as { form?: unknown } | null | undefined;
  const target = next as { closest?: (selector: string) => unknown } | null | undefined;
  if (!from?.form || typeof target?.closest !== 'function') return false;
  const button = target.closest('button, input') as { type?: string; form?: unknown } | null;
  return button?.type === 'submit' && button.form === from.form;
}

/** For an input's blur handler: the focus leaves it for its form's submit button (focused, or only pressed). */
export function blursTowardsSubmit(event: BlurEvent | undefined): boolean {
  return movesToSubmit(event?.currentTarget, event?.relatedTarget ?? pressed);
}

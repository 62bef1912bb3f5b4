/** « Aller au contenu » (RGAA 12.7): the first thing a keyboard reaches, visible only when focused (global.css). */
export function SkipLink({ target }: { target: string }) {
  return (
    <a className="skip-link" href={`#${target}`}>
      Aller au contenu
    </a>
  );
}

/** Reading the raw messages the fake SMTP server received: headers as sent, text parts decoded. */

/** The message with its quoted-printable soft breaks joined and escapes decoded (UTF-8). */
export function decodedMail(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The private-link tokens a message carries. */
export function linkTokens(raw: string): string[] {
  return [...decodedMail(raw).matchAll(/candidater\/suite\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!);
}

/** Messages sent to that address. */
export const to = (messages: string[], address: string) =>
  messages.filter((m) => m.toLowerCase().includes(`to: ${address.toLowerCase()}`));

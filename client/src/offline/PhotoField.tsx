import { Input, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { PHOTO_MAX_SIDE, resizePhoto } from './photo';

/**
 * An optional photo for a new activity, taken with the phone's camera or chosen from its gallery, resized on
 * the device (longest side ≤ 1600 px, JPEG) before it is sent or queued. `kept`: the queued activity being
 * fixed already has one, kept unless another is chosen.
 */
export function PhotoField({ onChange, kept = false }: { onChange: (photo: Blob | null) => void; kept?: boolean }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState<number | null>(null);
  return (
    <Input.Wrapper
      id={id}
      label="Photo (facultatif)"
      description={`Réduite sur l’appareil (${PHOTO_MAX_SIDE} px au plus) avant l’envoi.`}
      error={error}
    >
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        aria-describedby={`${id}-description${error ? ` ${id}-error` : ''}`}
        style={{ display: 'block', marginTop: 4, maxWidth: '100%' }}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          setError(null);
          setReady(null);
          if (!file) return onChange(null);
          resizePhoto(file).then(
            (photo) => {
              setReady(photo.size);
              onChange(photo);
            },
            (err: unknown) => {
              setError(err instanceof Error ? err.message : 'Cette photo est illisible.');
              onChange(null);
            },
          );
        }}
      />
      {ready !== null ? (
        <Text size="sm" mt={4} data-testid="photo-ready">
          Photo prête ({Math.max(1, Math.round(ready / 1024))} ko).
        </Text>
      ) : (
        kept && (
          <Text size="sm" mt={4}>
            La photo déjà choisie est gardée.
          </Text>
        )
      )}
    </Input.Wrapper>
  );
}

import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent } from 'react';
import { api } from '../../api/client';
import { ApiError, ensureOk, pilotKeys, pilotProblemMessage, unwrap, type Activity } from './pilotsApi';

/** As the server: at most 5 photos per activity, 15 MB per file as sent by the phone. */
export const MAX_PHOTOS = 5;
const MAX_BYTES = 15 * 1024 * 1024;

type PhotoRef = Activity['photos'][number];

/** « Photo 2 de l'activité « Repair café » »: the alternative text of an activity's photo. */
export function photoAlt(index: number, title: string): string {
  return `Photo ${index + 1} de l’activité « ${title} »`;
}

/** A refusal the server would answer, said before sending: a photo too large for the phone's connection. */
function tooLarge(): ApiError {
  return new ApiError(413, { code: 'activity_photo_too_large', status: 413, title: '', type: '', detail: '' });
}

/** The activity list's thumbnails: the first photos, small, loaded only when scrolled into view. */
export function ActivityThumbnails({ photos, title }: { photos: PhotoRef[]; title: string }) {
  if (photos.length === 0) return null;
  return (
    <Group gap={4} mt={4} wrap="nowrap">
      {photos.slice(0, 3).map((p, i) => (
        <img
          key={p.id}
          src={p.url}
          alt={photoAlt(i, title)}
          width={40}
          height={40}
          loading="lazy"
          decoding="async"
          style={{ objectFit: 'cover', borderRadius: 4 }}
        />
      ))}
      {photos.length > 3 && (
        <Text size="xs" c="dimmed">
          +{photos.length - 3}
        </Text>
      )}
    </Group>
  );
}

/**
 * The photos of an activity on its page: shown to everyone who reads it; added (from the camera or the phone's
 * pictures) and removed by those who may change it. The server resizes each photo and removes its location unless
 * the coordinator asks to keep it.
 */
export function ActivityPhotos({
  pilotId,
  activity,
  canWrite,
}: {
  pilotId: string;
  activity: Activity;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const [keepLocation, setKeepLocation] = useState(false);
  const path = { id: pilotId, activityId: activity.id };
  const refresh = () => queryClient.invalidateQueries({ queryKey: pilotKeys.all(pilotId) });
  const add = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_BYTES) throw tooLarge();
      const form = new FormData();
      form.append('keepLocation', keepLocation ? 'true' : 'false');
      form.append('file', file, file.name);
      return unwrap(
        await api.POST('/api/pilots/{id}/activities/{activityId}/photos', {
          params: { path },
          body: { file: '' },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Photo ajoutée.' });
    },
  });
  const remove = useMutation({
    mutationFn: async (photoId: string) =>
      ensureOk(
        await api.DELETE('/api/pilots/{id}/activities/{activityId}/photos/{photoId}', {
          params: { path: { ...path, photoId } },
        }),
      ),
    onSuccess: async () => {
      await refresh();
      notifications.show({ color: 'teal', message: 'Photo supprimée.' });
    },
  });
  const camera = useRef<HTMLInputElement>(null);
  const library = useRef<HTMLInputElement>(null);
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    // Emptied at once, so the same picture can be chosen again after a refusal.
    e.currentTarget.value = '';
    if (file && !add.isPending) add.mutate(file);
  };
  const photos = activity.photos;
  const full = photos.length >= MAX_PHOTOS;
  const error = add.error ?? remove.error;

  return (
    <Paper withBorder p="sm" data-testid="activity-photos">
      <Stack gap="sm">
        <Text fw={600} component="h3" size="md" m={0}>
          Photos ({photos.length} sur {MAX_PHOTOS})
        </Text>
        {photos.length === 0 && (
          <Text size="sm" c="dimmed">
            {canWrite
              ? 'Ajoutez jusqu’à 5 photos de l’activité : elles illustrent la liste des activités et les rapports.'
              : 'Aucune photo pour cette activité.'}
          </Text>
        )}
        {photos.length > 0 && (
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
            {photos.map((p, i) => (
              <Stack key={p.id} gap={4}>
                <img
                  src={p.url}
                  alt={photoAlt(i, activity.title)}
                  loading="lazy"
                  decoding="async"
                  style={{ width: '100%', height: 120, objectFit: 'cover', borderRadius: 4 }}
                />
                {canWrite && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    loading={remove.isPending && remove.variables === p.id}
                    aria-label={`Supprimer la photo ${i + 1}`}
                    onClick={() => window.confirm(`Supprimer la photo ${i + 1} ?`) && remove.mutate(p.id)}
                  >
                    Supprimer
                  </Button>
                )}
              </Stack>
            ))}
          </SimpleGrid>
        )}
        {canWrite && !full && (
          <>
            <Group gap="xs">
              <input ref={camera} type="file" accept="image/*" capture="environment" hidden onChange={pick} />
              <input ref={library} type="file" accept="image/jpeg,image/png,image/webp" hidden onChange={pick} />
              <Button onClick={() => camera.current?.click()} loading={add.isPending}>
                Prendre une photo
              </Button>
              <Button variant="default" onClick={() => library.current?.click()} disabled={add.isPending}>
                Choisir une image
              </Button>
            </Group>
            <Checkbox
              label="Garder la position GPS de la photo"
              description="Sinon, le lieu de prise de vue et les autres métadonnées sont retirés à l’envoi."
              checked={keepLocation}
              onChange={(e) => setKeepLocation(e.currentTarget.checked)}
            />
          </>
        )}
        {canWrite && full && (
          <Text size="sm" c="dimmed">
            Cette activité a déjà 5 photos : supprimez-en une pour en ajouter une autre.
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert" data-testid="activity-photo-error">
            {pilotProblemMessage(error)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

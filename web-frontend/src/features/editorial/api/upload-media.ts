import { useMutation } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Media = components['schemas']['MediaResponse'];
type UploadForm = components['schemas']['UploadForm'];

/** The API's limit; a larger file is refused here before its bytes are sent (the API says 413 too). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** What the file picker offers; the API recognises the kind from the bytes, not from this or the name. */
export const UPLOAD_ACCEPT = 'image/png,image/jpeg,image/webp,image/gif';

/** Uploads an image as `multipart/form-data` (field `file`); the answer has the `/media/…` address it is served at. */
export async function uploadMedia(file: File): Promise<Media> {
  const form = new FormData();
  form.append('file', file, file.name);
  const answer = await apiClient.POST('/api/v1/media', {
    // The body is the form itself. openapi-typescript types UploadForm's `format: binary` field as a
    // string, which a File is not, hence the cast. The serializer hands the FormData to fetch as it is,
    // and fetch sets the multipart Content-Type with its boundary (openapi-fetch adds no JSON type).
    body: form as unknown as UploadForm,
    bodySerializer: (body) => body,
  });
  return dataOrThrow(answer);
}

export function useUploadMedia() {
  return useMutation({ mutationFn: uploadMedia });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow, okOrThrow } from '@/lib/api/client';
import { refreshReaderPages } from '@/lib/api/console-queries';
import type { components } from '@/lib/api/schema';

export type Category = components['schemas']['CategoryResponse'];
export type CreateCategoryRequest = components['schemas']['CreateCategoryRequest'];
export type UpdateCategoryRequest = components['schemas']['UpdateCategoryRequest'];

export async function createCategory(body: CreateCategoryRequest): Promise<Category> {
  return dataOrThrow(await apiClient.POST('/api/v1/categories', { body }));
}

export async function updateCategory(id: number, body: UpdateCategoryRequest): Promise<Category> {
  const answer = await apiClient.PATCH('/api/v1/categories/{id_or_slug}', {
    params: { path: { id_or_slug: String(id) } },
    body,
  });
  return dataOrThrow(answer);
}

/** Deletes a category; `moveTo` takes its articles first (without it, one that holds any is refused). */
export async function deleteCategory(id: number, moveTo?: number): Promise<void> {
  const answer = await apiClient.DELETE('/api/v1/categories/{id_or_slug}', {
    params: { path: { id_or_slug: String(id) }, query: moveTo === undefined ? undefined : { move_to: moveTo } },
  });
  okOrThrow(answer);
}

/**
 * Every change of the tree shows everywhere: the navigation bar, the sidebar, the home page's blocks
 * and the console's selects all read the category list again.
 */
function useTreeMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => void refreshReaderPages(queryClient) });
}

export function useCreateCategory() {
  return useTreeMutation(createCategory);
}

export function useUpdateCategory() {
  return useTreeMutation(({ id, changes }: { id: number; changes: UpdateCategoryRequest }) => updateCategory(id, changes));
}

/** Several categories' places at once (a reorder renumbers the siblings), one request after another. */
export function useReorderCategories() {
  return useTreeMutation(async (orders: Array<{ id: number; sort_order: number }>) => {
    for (const { id, sort_order } of orders) {
      await updateCategory(id, { sort_order });
    }
  });
}

export function useDeleteCategory() {
  return useTreeMutation(({ id, moveTo }: { id: number; moveTo?: number }) => deleteCategory(id, moveTo));
}

// 栏目管理 (`/admin/categories`).
import { CategoryManager } from '@/features/categories/components/category-manager';
import { ConsolePage } from './console-page';

export function CategoriesPage() {
  return (
    <ConsolePage title="栏目管理">
      <CategoryManager />
    </ConsolePage>
  );
}

import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Panel } from '@/components/ui/panel';
import { TitleList } from '@/components/ui/title-list';
import { useHome, type Home } from '../api/get-home';

/** A box per top-level category: its name (a link to the category) over its latest titles. */
export function CategoryBlocks({ blocks }: { blocks: Home['categories'] }) {
  return (
    <>
      {blocks.map(({ category, articles }) => (
        <Panel key={category.id} title={<Link to={`/c/${category.slug}`}>{category.name}</Link>}>
          {articles.length === 0 ? (
            <EmptyState title="暂无文章" />
          ) : (
            <TitleList items={articles.map((a) => ({ key: a.id, to: `/a/${a.id}`, title: a.title }))} />
          )}
        </Panel>
      ))}
    </>
  );
}

/**
 * The same boxes in the sidebar of the inner pages, as the old site had them beside an article.
 * They are a convenience: while loading, or if the request fails, the sidebar simply goes without.
 */
export function SidebarCategoryBlocks() {
  const home = useHome();
  if (!home.isSuccess) {
    return null;
  }
  return <CategoryBlocks blocks={home.data.categories} />;
}

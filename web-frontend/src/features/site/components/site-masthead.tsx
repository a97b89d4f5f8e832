import { Link } from 'react-router';
import { describeError } from '@/lib/api/client';
import { useSite } from '../api/get-site';
import '../site.css';

/** The site's name and description at the top of every page, as the API reports them. */
export function SiteMasthead() {
  const site = useSite();

  if (site.isPending) {
    return (
      <div className="masthead">
        <p className="masthead__status" role="status">
          正在加载站点信息…
        </p>
      </div>
    );
  }

  if (site.isError) {
    return (
      <div className="masthead">
        <div className="masthead__error" role="alert">
          <p className="masthead__error-title">站点信息加载失败</p>
          <p>无法连接到服务器或服务器暂时不可用，请稍后刷新页面重试。</p>
          <p className="masthead__error-detail">{describeError(site.error)}</p>
        </div>
      </div>
    );
  }

  return (
    <div className="masthead">
      {/* Not a heading: each page has its own h1, and the name is on every page. */}
      <p className="masthead__name">
        <Link to="/">{site.data.name}</Link>
      </p>
      {site.data.description !== '' && <p className="masthead__description">{site.data.description}</p>}
    </div>
  );
}

import { useRouteError } from 'react-router';
import './route-error.css';

/** Shown instead of React Router's English default when rendering a page throws. */
export function RouteErrorPage() {
  const error = useRouteError();
  console.error(error);
  return (
    <div className="route-error" role="alert">
      <h1>页面出错了</h1>
      <p>页面显示时发生了错误，请刷新页面重试。</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </div>
  );
}

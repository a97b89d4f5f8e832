import './site-footer.css';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>© 当代秘书 版权所有</p>
      <p className="site-footer__small">本站由 Kanwu 刊物内容系统提供支持</p>
    </footer>
  );
}

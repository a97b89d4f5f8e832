import { describeError } from '@/lib/api/client';
import './query-status.css';

/** Shown while a page's content is on its way. */
export function LoadingState({ label }: { label: string }) {
  return (
    <p className="loading-state" role="status">
      {label}
    </p>
  );
}

type ErrorStateProps = {
  /** What failed, e.g. 文章加载失败. */
  title: string;
  error: Error;
  /** Asks again; the button is left out when absent. */
  onRetry?: () => void;
};

/** Says in Chinese that loading failed, why (for a report), and offers to try again. */
export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  return (
    <div className="error-state" role="alert">
      <p className="error-state__title">{title}</p>
      <p>无法连接到服务器或服务器暂时不可用，请稍后重试。</p>
      <p className="error-state__detail">{describeError(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

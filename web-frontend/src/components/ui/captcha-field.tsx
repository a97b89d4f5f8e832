import { ApiError } from '@/lib/api/client';
import type { useCaptcha } from '@/lib/captcha/create-captcha';
import { formatWait } from '@/utils/format';
import { TextField } from './text-field';
import './captcha-field.css';

type CaptchaFieldProps = {
  captcha: ReturnType<typeof useCaptcha>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
};

/** Why no captcha could be had, in words for the reader (and a code for a report). */
function loadFailure(error: Error): string {
  if (!(error instanceof ApiError)) {
    return '网络请求未完成，请检查网络连接后重试。';
  }
  if (error.code === 'rate_limited') {
    return error.retryAfter !== undefined
      ? `操作过于频繁，请在 ${formatWait(error.retryAfter)}后再试。`
      : '操作过于频繁，请稍后再试。';
  }
  return error.status >= 500
    ? `服务器暂时不可用，请稍后重试（HTTP ${error.status}）。`
    : `请稍后重试（HTTP ${error.status}${error.code ? `，${error.code}` : ''}）。`;
}

/**
 * 验证码: the image, the answer, and 换一张 for a new image (which needs a new answer). A captcha
 * that has not been asked for yet (the form waits until it is used) is fetched by 显示验证码.
 */
export function CaptchaField({ captcha, value, onChange, error }: CaptchaFieldProps) {
  const notAskedYet = captcha.isPending && captcha.fetchStatus === 'idle';
  const another = () => {
    if (!captcha.isFetching) {
      onChange('');
      void captcha.refetch();
    }
  };

  return (
    <TextField
      label="验证码"
      name="captcha_answer"
      value={value}
      onChange={onChange}
      error={error}
      required
      inputMode="numeric"
      maxLength={4}
      autoComplete="off"
      hint="请输入图中的 4 位数字"
      addon={
        <span className="captcha">
          {captcha.isError ? (
            // Also when an older image is still in the cache: it may be used up, so it is not offered.
            <span className="captcha__status" role="alert">
              验证码加载失败：{loadFailure(captcha.error)}
            </span>
          ) : captcha.data !== undefined ? (
            <img
              className={captcha.isFetching ? 'captcha__image captcha__image--stale' : 'captcha__image'}
              src={captcha.data.image}
              alt="验证码图片"
              width={120}
              height={45}
            />
          ) : notAskedYet ? null : (
            <span className="captcha__status">正在加载验证码…</span>
          )}
          <button type="button" className="link-button" onClick={another}>
            {notAskedYet ? '显示验证码' : '换一张'}
          </button>
        </span>
      }
    />
  );
}

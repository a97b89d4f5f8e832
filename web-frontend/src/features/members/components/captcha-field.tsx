import { TextField } from '@/components/ui/text-field';
import type { useCaptcha } from '../api/create-captcha';
import { formErrorsFrom } from '../server-errors';

type CaptchaFieldProps = {
  captcha: ReturnType<typeof useCaptcha>;
  value: string;
  onChange: (value: string) => void;
  error?: string;
};

/** 验证码: the image, the answer, and 换一张 for a new image (which needs a new answer). */
export function CaptchaField({ captcha, value, onChange, error }: CaptchaFieldProps) {
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
              验证码加载失败：{formErrorsFrom(captcha.error, []).general.join(' ')}
            </span>
          ) : captcha.data !== undefined ? (
            <img
              className={captcha.isFetching ? 'captcha__image captcha__image--stale' : 'captcha__image'}
              src={captcha.data.image}
              alt="验证码图片"
              width={120}
              height={45}
            />
          ) : (
            <span className="captcha__status">正在加载验证码…</span>
          )}
          <button type="button" className="link-button" onClick={another}>
            换一张
          </button>
        </span>
      }
    />
  );
}

import { useId } from 'react';
import { Panel } from '@/components/ui/panel';

/**
 * Where members will sign in. Member accounts do not exist yet, so every control is disabled and
 * the box says so, rather than pretending to work.
 */
export function MemberLoginBox() {
  const usernameId = useId();
  const passwordId = useId();
  const noteId = useId();

  return (
    <Panel title="会员登录" subtitle="MEMBER LOGIN">
      <form className="login-form" aria-describedby={noteId} onSubmit={(event) => event.preventDefault()}>
        <fieldset className="login-form__fields">
          <div className="login-form__row">
            <label htmlFor={usernameId}>用户名</label>
            <input id={usernameId} name="username" type="text" autoComplete="username" disabled />
          </div>
          <div className="login-form__row">
            <label htmlFor={passwordId}>密码</label>
            <input id={passwordId} name="password" type="password" autoComplete="current-password" disabled />
          </div>
          <button type="submit" className="login-form__submit" disabled>
            登录
          </button>
        </fieldset>
        <p id={noteId} className="login-form__note">
          会员登录功能尚未开放，敬请期待。
        </p>
        <p className="login-form__links">
          {/* Placeholders without a destination until registration exists. */}
          <a role="link" aria-disabled="true" title="尚未开放">
            个人会员
          </a>
          <a role="link" aria-disabled="true" title="尚未开放">
            企业会员
          </a>
        </p>
      </form>
    </Panel>
  );
}

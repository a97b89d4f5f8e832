import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Panel } from '@/components/ui/panel';
import { loginFailureMessage, useLogin } from '@/lib/auth/login';
import { isStaff } from '@/lib/auth/roles';
import type { Member } from '@/lib/auth/session';
import { useSessionState } from '@/lib/auth/session-context';
import { useLogout } from '../api/logout';
import { MemberStatusNotice } from './member-status-notice';
import '../members.css';

/** Where a page that needs a member sends a visitor, and where to go back after signing in. */
export type SignInRequest = { signInFor?: string };

function isSignInRequest(state: unknown): state is Required<SignInRequest> {
  return typeof state === 'object' && state !== null && typeof (state as SignInRequest).signInFor === 'string';
}

/** 会员登录 in the sidebar of every page: the login form, or the signed-in member and 退出. */
export function MemberLoginBox() {
  const session = useSessionState();
  return (
    <Panel title="会员登录" subtitle="MEMBER LOGIN" className="member-box">
      {session.status === 'restoring' ? (
        <p className="member-box__status" role="status">
          正在确认登录状态…
        </p>
      ) : session.status === 'signed-in' ? (
        <SignedIn member={session.member} />
      ) : (
        <LoginForm />
      )}
    </Panel>
  );
}

function LoginForm() {
  const usernameId = useId();
  const passwordId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const navigate = useNavigate();
  const location = useLocation();
  const signInFor = isSignInRequest(location.state) ? location.state.signInFor : undefined;
  const login = useLogin({
    onSignedIn: () => {
      if (signInFor !== undefined) {
        void navigate(signInFor, { replace: true });
      }
    },
  });
  const usernameInput = useRef<HTMLInputElement>(null);

  // Sent here by a page for members: the cursor waits in the form (and the page scrolls to it).
  useEffect(() => {
    if (signInFor !== undefined) {
      usernameInput.current?.focus();
    }
  }, [signInFor]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) {
      return;
    }
    if (username.trim() === '' || password === '') {
      setProblem(username.trim() === '' ? '请输入用户名' : '请输入密码');
      return;
    }
    setProblem(undefined);
    login.mutate(
      { username: username.trim(), password },
      {
        onError: (error) => {
          setPassword('');
          setProblem(loginFailureMessage(error));
        },
      },
    );
  };

  return (
    <form className="login-form" noValidate onSubmit={submit} aria-label="会员登录">
      {signInFor !== undefined && problem === undefined && <p className="login-form__note">请先登录会员。</p>}
      {problem !== undefined && (
        <p className="login-form__error" role="alert">
          {problem}
        </p>
      )}
      <div className="login-form__row">
        <label htmlFor={usernameId}>用户名</label>
        <input
          ref={usernameInput}
          id={usernameId}
          name="username"
          type="text"
          autoComplete="username"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </div>
      <div className="login-form__row">
        <label htmlFor={passwordId}>密码</label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" className="login-form__submit" aria-disabled={login.isPending || undefined}>
        {login.isPending ? '正在登录…' : '登录'}
      </button>
      <p className="login-form__links">
        <Link to="/register?kind=personal" title="注册个人会员">
          个人会员
        </Link>
        <Link to="/register?kind=enterprise" title="注册企业会员">
          企业会员
        </Link>
      </p>
    </form>
  );
}

function SignedIn({ member }: { member: Member }) {
  const logout = useLogout();
  return (
    <div className="member-box__signed-in">
      <p className="member-box__welcome">
        欢迎您，<strong className="member-box__name">{member.display_name}</strong>
      </p>
      <MemberStatusNotice member={member} compact />
      {logout.isError && (
        <p className="login-form__error" role="alert">
          退出未成功，请稍后重试。
        </p>
      )}
      <p className="member-box__actions">
        <Link to="/member">会员中心</Link>
        {isStaff(member) && <Link to="/admin">管理后台</Link>}
        <button
          type="button"
          className="link-button"
          aria-disabled={logout.isPending || undefined}
          onClick={() => {
            if (!logout.isPending) logout.mutate();
          }}
        >
          退出
        </button>
      </p>
    </div>
  );
}

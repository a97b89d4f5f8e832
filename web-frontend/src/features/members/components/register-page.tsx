import { useId } from 'react';
import { Link, useNavigate } from 'react-router';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { Panel } from '@/components/ui/panel';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useSessionState } from '@/lib/auth/session-context';
import { pageTitle } from '@/utils/format';
import type { MemberKind } from '../fields';
import { KindTabs, tabId } from './kind-tabs';
import { RegisterForm } from './register-form';

type RegisterPageProps = {
  kind: MemberKind;
  onKindChange: (kind: MemberKind) => void;
  siteName?: string;
};

/** 会员注册: a tab per kind of member, each with its own form; a new member lands in the member centre. */
export function RegisterPage({ kind, onKindChange, siteName }: RegisterPageProps) {
  useDocumentTitle(pageTitle('会员注册', siteName));
  const session = useSessionState();
  const navigate = useNavigate();
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;

  return (
    <>
      <Breadcrumb items={[{ label: siteName ?? '首页', to: '/' }, { label: '会员注册' }]} />
      <Panel title="会员注册" subtitle="REGISTER" level={1} className="register">
        {session.status === 'signed-in' ? (
          <p>
            您已登录为“{session.member.display_name}”。如需注册新的会员账户，请先退出登录。{' '}
            <Link to="/member">进入会员中心</Link>
          </p>
        ) : (
          <>
            <KindTabs kind={kind} onChange={onKindChange} panelId={panelId} idPrefix={idPrefix} />
            <div className="tabs__panel" role="tabpanel" id={panelId} aria-labelledby={tabId(idPrefix, kind)}>
              {/* A form per kind: switching tabs starts the other form afresh. */}
              <RegisterForm key={kind} kind={kind} onRegistered={() => void navigate('/member')} />
            </div>
          </>
        )}
      </Panel>
    </>
  );
}

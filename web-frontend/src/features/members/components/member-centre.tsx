import { useEffect, useRef, useState } from 'react';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { FormAlert } from '@/components/ui/form-alert';
import { Panel } from '@/components/ui/panel';
import { useDocumentTitle } from '@/hooks/use-document-title';
import type { Member } from '@/lib/auth/session';
import { formatDate, pageTitle } from '@/utils/format';
import { useMe } from '../api/get-me';
import { useLogoutAll } from '../api/logout-all';
import { EDIT_FIELDS, KIND_LABELS, PROFILE_FIELDS, STATUS_LABELS } from '../fields';
import { formErrorsFrom } from '../server-errors';
import { MemberStatusNotice } from './member-status-notice';
import { PasswordForm } from './password-form';
import { ProfileForm } from './profile-form';
import '../members.css';

type MemberCentreProps = {
  member: Member;
  siteName?: string;
};

/** 会员中心: the member's own account, its profile, the password, and signing out everywhere. */
export function MemberCentre({ member, siteName }: MemberCentreProps) {
  useDocumentTitle(pageTitle('会员中心', siteName));
  // Brings the account up to date (an admin may have reviewed it); the page shows the session's copy.
  useMe(member.id);

  return (
    <>
      <Breadcrumb items={[{ label: siteName ?? '首页', to: '/' }, { label: '会员中心' }]} />
      <Panel title="会员中心" subtitle="MEMBER CENTRE" level={1} className="member-centre">
        <p className="member-centre__welcome">
          欢迎您，{member.display_name}（{KIND_LABELS[member.kind]}）
        </p>
        <MemberStatusNotice member={member} />
      </Panel>
      <ProfileSection member={member} />
      <Panel title="修改密码">
        <PasswordForm member={member} />
      </Panel>
      <Panel title="账户安全">
        <LogoutEverywhere />
      </Panel>
    </>
  );
}

function ProfileSection({ member }: { member: Member }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const backFromForm = useRef(false);

  // Leaving the form takes the focus back to 修改资料 rather than dropping it on the page.
  useEffect(() => {
    if (!editing && backFromForm.current) {
      backFromForm.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  return (
    <Panel title="会员资料">
      {editing ? (
        <ProfileForm
          member={member}
          onDone={(changed) => {
            backFromForm.current = true;
            setEditing(false);
            setSaved(changed);
          }}
        />
      ) : (
        <>
          {saved && (
            <p className="form-success" role="status">
              资料已保存。
            </p>
          )}
          <ProfileView member={member} />
          <button
            ref={editButton}
            type="button"
            className="button"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            修改资料
          </button>
        </>
      )}
    </Panel>
  );
}

function ProfileView({ member }: { member: Member }) {
  const rows: Array<[string, string | null | undefined]> = [
    ['用户名', member.username],
    ['会员类型', KIND_LABELS[member.kind]],
    ['账户状态', STATUS_LABELS[member.status]],
    ...EDIT_FIELDS[member.kind].map(({ name }): [string, string | null | undefined] => [
      PROFILE_FIELDS[name].label,
      member[name],
    ]),
    ['注册时间', formatDate(member.created_at)],
  ];
  return (
    <dl className="profile">
      {rows.map(([label, value]) => (
        <div key={label} className="profile__row">
          <dt>{label}</dt>
          <dd>{value ? value : <span className="profile__empty">未填写</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function LogoutEverywhere() {
  const logoutAll = useLogoutAll();
  return (
    <>
      <p>在所有电脑和手机上退出登录（包括本机）。如果您在别处登录后忘了退出，或担心密码已泄露，可使用此功能。</p>
      {logoutAll.isError && <FormAlert messages={formErrorsFrom(logoutAll.error, []).general} />}
      <button
        type="button"
        className="button"
        aria-disabled={logoutAll.isPending || undefined}
        onClick={() => {
          if (!logoutAll.isPending) logoutAll.mutate();
        }}
      >
        退出所有设备
      </button>
    </>
  );
}

import type { Member } from '@/lib/auth/session';

type MemberStatusNoticeProps = {
  member: Member;
  /** The short form, for the login box. */
  compact?: boolean;
};

/**
 * What an enterprise member whose account is not (yet) approved needs to know: pending review, or
 * not approved. Nothing for an active member.
 */
export function MemberStatusNotice({ member, compact = false }: MemberStatusNoticeProps) {
  if (member.status === 'pending') {
    return (
      <div className="notice notice--pending">
        <p className="notice__title">企业会员资料审核中…</p>
        {!compact && (
          <p>
            您的企业会员资料已提交，正在等待网站管理员审核。审核通过前，部分会员功能（如发表评论）暂不可用；如需修改资料，可在下方“会员资料”中修改。
          </p>
        )}
      </div>
    );
  }
  if (member.status === 'rejected') {
    return (
      <div className="notice notice--rejected">
        <p className="notice__title">企业会员资料未通过审核</p>
        {!compact && <p>请核对并修改下方的企业资料，或与网站管理员联系了解原因。</p>}
      </div>
    );
  }
  return null;
}

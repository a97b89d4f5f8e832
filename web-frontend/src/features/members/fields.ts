// The fields of a member's account as the forms show them: label, input type, rule, and which kind
// of member has them. Names are the API's, so a server error names the field it belongs to.
import type { components } from '@/lib/api/schema';
import { checkCreditCode, checkEmail, checkPhone, checkWebsite, text, type Check } from './validation';

export type MemberKind = components['schemas']['MemberKind'];
export type MemberStatus = components['schemas']['MemberStatus'];
/** The fields a member may change about themselves. */
export type ProfileField = keyof components['schemas']['UpdateProfileRequest'];

export type FieldSpec = {
  label: string;
  check: Check;
  type?: 'text' | 'email' | 'tel' | 'url';
  autoComplete?: string;
  multiline?: boolean;
  hint?: string;
};

// Lengths are the server's (api/src/members/handlers.rs); the spec does not carry them.
const NAME_MAX = 50;
const SHORT_TEXT_MAX = 100;
const ADDRESS_MAX = 200;
const INTRODUCTION_MAX = 2_000;

export const PROFILE_FIELDS: Record<ProfileField, FieldSpec> = {
  display_name: {
    label: '显示名称',
    check: text(NAME_MAX, '显示名称'),
    autoComplete: 'nickname',
    hint: '发表评论时显示的名字',
  },
  email: { label: '电子邮箱', check: checkEmail, type: 'email', autoComplete: 'email' },
  phone: { label: '电话', check: checkPhone, type: 'tel', autoComplete: 'tel' },
  real_name: { label: '真实姓名', check: text(NAME_MAX, '真实姓名'), autoComplete: 'name' },
  organisation: { label: '工作单位', check: text(SHORT_TEXT_MAX, '工作单位'), autoComplete: 'organization' },
  position: { label: '职务', check: text(SHORT_TEXT_MAX, '职务'), autoComplete: 'organization-title' },
  company_name: { label: '企业名称', check: text(SHORT_TEXT_MAX, '企业名称'), autoComplete: 'organization' },
  credit_code: {
    label: '统一社会信用代码',
    check: checkCreditCode,
    autoComplete: 'off',
    hint: '18 位，见营业执照',
  },
  contact_person: { label: '联系人', check: text(NAME_MAX, '联系人'), autoComplete: 'name' },
  contact_phone: { label: '联系人电话', check: checkPhone, type: 'tel', autoComplete: 'tel' },
  address: { label: '地址', check: text(ADDRESS_MAX, '地址'), autoComplete: 'street-address' },
  website: { label: '网址', check: checkWebsite, type: 'url', autoComplete: 'url', hint: '以 http:// 或 https:// 开头' },
  industry: { label: '所属行业', check: text(SHORT_TEXT_MAX, '所属行业') },
  introduction: { label: '企业简介', check: text(INTRODUCTION_MAX, '企业简介'), multiline: true },
};

export type FieldUse = { name: ProfileField; required: boolean };

const optional = (name: ProfileField): FieldUse => ({ name, required: false });
const required = (name: ProfileField): FieldUse => ({ name, required: true });

const ENTERPRISE_CORE = [
  required('company_name'),
  required('credit_code'),
  required('contact_person'),
  required('contact_phone'),
  required('email'),
];
const ENTERPRISE_MORE = ['phone', 'address', 'website', 'industry', 'introduction'] as const;

/** The profile part of the registration form, per kind, in order. */
export const REGISTRATION_FIELDS: Record<MemberKind, FieldUse[]> = {
  personal: (['display_name', 'email', 'phone', 'real_name', 'organisation', 'position'] as const).map(optional),
  enterprise: [...ENTERPRISE_CORE, optional('display_name'), ...ENTERPRISE_MORE.map(optional)],
};

/** The profile form of the member centre: the display name cannot be cleared once there is one. */
export const EDIT_FIELDS: Record<MemberKind, FieldUse[]> = {
  personal: [required('display_name'), ...REGISTRATION_FIELDS.personal.slice(1)],
  enterprise: [...ENTERPRISE_CORE, required('display_name'), ...ENTERPRISE_MORE.map(optional)],
};

/** Every field a form or the API may name, in Chinese. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  password_confirmation: '确认密码',
  current_password: '当前密码',
  new_password: '新密码',
  new_password_confirmation: '确认新密码',
  captcha_answer: '验证码',
  ...Object.fromEntries(Object.entries(PROFILE_FIELDS).map(([name, spec]) => [name, spec.label])),
};

export const KIND_LABELS: Record<MemberKind, string> = { personal: '个人会员', enterprise: '企业会员' };

export const STATUS_LABELS: Record<MemberStatus, string> = {
  active: '正常',
  pending: '审核中',
  rejected: '未通过审核',
  disabled: '已停用',
};

import { useState, type FormEvent } from 'react';
import { CaptchaField } from '@/components/ui/captcha-field';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { useFocusFirstInvalid } from '@/hooks/use-focus-first-invalid';
import type { Member } from '@/lib/auth/session';
import { checkCaptchaAnswer, isExpired, useCaptcha } from '@/lib/captcha/create-captcha';
import { LoginFailedError, usePostComment } from '../api/create-comment';
import type { Comment } from '../api/list-comments';
import { charactersLeft, checkContent } from '../content';
import { commentErrorsFrom } from '../server-errors';
import '../comments.css';

type Field = 'username' | 'password' | 'content' | 'captcha_answer';
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const EMPTY: Values = { username: '', password: '', content: '', captcha_answer: '' };

type CommentFormProps = {
  articleId: number;
  /** The signed-in member, or undefined for a visitor (who signs in with the same click). */
  member: Member | undefined;
  onPosted: (comment: Comment) => void;
  /** The server says comments have closed since the page loaded. */
  onClosed: () => void;
};

/** What the text box's hint says: how much more may be written. */
function counter(content: string): string {
  const left = charactersLeft(content);
  return left >= 0 ? `还可输入 ${left} 字` : `已超出 ${-left} 字`;
}

/**
 * 发表评论 as the old page had it: a visitor gives 用户名 and 密码 with the comment and one click on
 * 发表我的评论 signs them in and posts it (with the same captcha); a signed-in member only writes.
 * The captcha is asked for once the reader starts on the form, not for every reader of the article:
 * it lasts five minutes, and the API hands out a limited number per address.
 */
export function CommentForm({ articleId, member, onPosted, onClosed }: CommentFormProps) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [posted, setPosted] = useState<Comment['status'] | undefined>();
  const [wantsCaptcha, setWantsCaptcha] = useState(false);
  const captcha = useCaptcha({ enabled: wantsCaptcha });
  const post = usePostComment(articleId);
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const visitor = member === undefined;

  const change = (name: Field) => (value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    // A marked field loses its message once it is changed; the next submission checks it again.
    if (errors[name] !== undefined) {
      setErrors((current) => ({ ...current, [name]: undefined }));
    }
  };

  /** The old captcha may be spent: a new image, and the answer box emptied for it. */
  const newCaptcha = () => {
    setValues((current) => ({ ...current, captcha_answer: '' }));
    void captcha.refetch();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (post.isPending) {
      return;
    }
    setWantsCaptcha(true);
    const found: Errors = {
      username: visitor && values.username.trim() === '' ? '请输入用户名' : undefined,
      password: visitor && values.password === '' ? '请输入密码' : undefined,
      content: checkContent(values.content),
      captcha_answer: checkCaptchaAnswer(values.captcha_answer),
    };
    setErrors(found);
    setGeneral([]);
    setPosted(undefined);
    if (Object.values(found).some((message) => message !== undefined)) {
      focusFirstInvalid();
      return;
    }
    if (captcha.data === undefined || captcha.isError || captcha.isFetching) {
      setGeneral(['验证码尚未加载，请稍候或点击“换一张”后再提交。']);
      return;
    }
    if (isExpired(captcha.data)) {
      setErrors({ captcha_answer: '验证码已过期，请输入新图片中的数字' });
      newCaptcha();
      focusFirstInvalid();
      return;
    }
    post.mutate(
      {
        comment: {
          content: values.content,
          captcha_id: captcha.data.id,
          captcha_answer: values.captcha_answer.trim(),
        },
        credentials: visitor ? { username: values.username.trim(), password: values.password } : undefined,
      },
      {
        onSuccess: ({ comment }) => {
          setValues(EMPTY);
          setPosted(comment.status);
          void captcha.refetch();
          onPosted(comment);
        },
        onError: (error) => {
          const refused = commentErrorsFrom(error);
          setErrors(refused.fields);
          setGeneral(refused.general);
          if (error instanceof LoginFailedError) {
            setValues((current) => ({ ...current, password: '' }));
          }
          newCaptcha();
          if (refused.closed) {
            onClosed();
          }
          focusFirstInvalid();
        },
      },
    );
  };

  const field = (name: Field) => ({ name, value: values[name], onChange: change(name), error: errors[name] });

  return (
    <form
      ref={formRef}
      className="comment-form"
      noValidate
      onSubmit={submit}
      // Focus anywhere in the form (a click, or a keyboard user tabbing in) fetches the captcha.
      onFocus={() => setWantsCaptcha(true)}
      aria-label="发表评论"
    >
      {posted !== undefined && (
        <div className={posted === 'approved' ? 'form-success' : 'notice'} role="status">
          {posted === 'approved' ? (
            <p>评论已发表。</p>
          ) : (
            <>
              <p className="notice__title">评论已提交，等待审核</p>
              <p>审核通过后，评论将显示在“最新相关评论”中。</p>
            </>
          )}
        </div>
      )}
      <FormAlert messages={general} />
      {visitor ? (
        <p className="comment-form__intro">会员请输入用户名和密码，发表评论时一并登录。</p>
      ) : (
        <p className="comment-form__intro">
          发表人：<strong className="comment-form__name">{member.display_name}</strong>
        </p>
      )}
      {visitor && (
        <>
          <TextField {...field('username')} label="用户名" required autoComplete="username" />
          <TextField {...field('password')} label="密码" type="password" required autoComplete="current-password" />
        </>
      )}
      <TextField {...field('content')} label="评论内容" required multiline hint={counter(values.content)} />
      <CaptchaField
        captcha={captcha}
        value={values.captcha_answer}
        onChange={change('captcha_answer')}
        error={errors.captcha_answer}
      />
      <div className="comment-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={post.isPending || undefined}>
          {post.isPending ? '正在提交…' : '发表我的评论'}
        </button>
      </div>
    </form>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient, dataOrThrow } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { login, type LoginRequest } from '@/lib/auth/login';
import type { SessionResponse } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/session-context';
import { commentKeys } from './comment-keys';
import type { Comment, CommentPage } from './list-comments';

export type CreateCommentRequest = components['schemas']['CreateCommentRequest'];

/** Posts a comment as the signed-in member; its `status` says whether it shows now or waits for a moderator. */
export async function createComment(articleId: number, body: CreateCommentRequest): Promise<Comment> {
  const answer = await apiClient.POST('/api/v1/articles/{id}/comments', {
    params: { path: { id: articleId } },
    body,
  });
  return dataOrThrow(answer);
}

/** The login that came first failed; nothing was posted. */
export class LoginFailedError extends Error {
  readonly loginError: Error;

  constructor(loginError: Error) {
    super('signing in before posting the comment failed');
    this.name = 'LoginFailedError';
    this.loginError = loginError;
  }
}

/** The signed-in member may not comment (an enterprise awaiting review): nothing was posted. */
export class MayNotCommentError extends Error {
  constructor() {
    super('this member may not comment yet');
    this.name = 'MayNotCommentError';
  }
}

export type PostCommentInput = {
  comment: CreateCommentRequest;
  /** A visitor's username and password: sign in first, then post (the form's one button does both). */
  credentials?: LoginRequest;
};

export type PostedComment = { comment: Comment; memberId: number | undefined };

/**
 * Posts a comment on article `articleId`, signing the visitor in first when given credentials. The
 * new comment goes to the top of the first page at once when it is approved, and is remembered as
 * the member's own either way.
 */
export function usePostComment(articleId: number) {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ comment, credentials }: PostCommentInput): Promise<PostedComment> => {
      let memberId: number | undefined;
      if (credentials !== undefined) {
        let signedIn: SessionResponse;
        try {
          signedIn = await login(credentials);
        } catch (error) {
          throw new LoginFailedError(error instanceof Error ? error : new Error(String(error)));
        }
        session.start(signedIn);
        memberId = signedIn.member.id;
        if (signedIn.member.status !== 'active') {
          // The server would refuse it; the form says why instead.
          throw new MayNotCommentError();
        }
      } else {
        const state = session.getSnapshot();
        memberId = state.status === 'signed-in' ? state.member.id : undefined;
      }
      const created = await createComment(articleId, comment);
      return { comment: created, memberId };
    },
    onSuccess: ({ comment, memberId }) => {
      if (memberId !== undefined) {
        queryClient.setQueryData<CommentPage>(commentKeys.mine(memberId), (mine) =>
          mine ? { ...mine, items: [comment, ...mine.items], total: mine.total + 1 } : mine,
        );
      }
      if (comment.status === 'approved') {
        queryClient.setQueryData<CommentPage>(commentKeys.page(articleId, 1), (first) =>
          first ? withNewest(first, comment) : first,
        );
        void queryClient.invalidateQueries({ queryKey: commentKeys.article(articleId) });
      }
    },
  });
}

/** The first page with `comment` on top, as the server will list it. */
function withNewest(page: CommentPage, comment: Comment): CommentPage {
  const total = page.total + 1;
  return {
    ...page,
    items: [comment, ...page.items.filter((item) => item.id !== comment.id)].slice(0, page.per_page),
    total,
    total_pages: Math.ceil(total / page.per_page),
  };
}

import { useId, useState, type ChangeEvent } from 'react';
import { TextField } from '@/components/ui/text-field';
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, useUploadMedia, type Media } from '../api/upload-media';
import { imageMarkdown } from '../markdown';
import { IMAGE_TOO_LARGE_MESSAGE, uploadProblemMessage } from '../server-errors';
import '@/components/ui/field.css';
import '../editorial.css';

/** `12.3 KB`, `1.5 MB`: an upload's size for people. */
function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The name without its extension: a first description of the picture, for the editor to change. */
function stemOf(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '');
}

type MediaUploadProps = {
  /** Puts the image's Markdown into the body (at the caret, or at the end). */
  onInsert: (markdown: string) => void;
  /** Makes the image's address the cover. */
  onCover: (url: string) => void;
  /** The cover now: 设为封面 says when the upload already is. */
  coverUrl: string;
};

/**
 * 上传图片: sends the chosen image to the API as soon as it is picked, then offers its address for
 * the body (插入正文, with a description) or the cover (设为封面).
 */
export function MediaUpload({ onInsert, onCover, coverUrl }: MediaUploadProps) {
  const upload = useUploadMedia();
  const [uploaded, setUploaded] = useState<Media | undefined>();
  const [alt, setAlt] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const problemId = `${inputId}-problem`;

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again (after renaming it, say) is a change too.
    event.target.value = '';
    if (file === undefined) return;
    setProblem(undefined);
    setDone(undefined);
    if (file.size > MAX_UPLOAD_BYTES) {
      setProblem(IMAGE_TOO_LARGE_MESSAGE);
      return;
    }
    // Callbacks given to mutate() run for the latest upload only, so a quick second pick wins.
    upload.mutate(file, {
      onSuccess: (media) => {
        setUploaded(media);
        setAlt(stemOf(media.file_name));
      },
      onError: (error) => setProblem(uploadProblemMessage(error)),
    });
  };

  const isCover = uploaded !== undefined && coverUrl.trim() === uploaded.url;

  return (
    <fieldset className="editor__group media-upload">
      <legend>图片</legend>
      <div className={`field${problem ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={inputId}>
          上传图片
        </label>
        <div className="field__control">
          <div className="field__input">
            <input
              id={inputId}
              type="file"
              accept={UPLOAD_ACCEPT}
              onChange={choose}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
            />
          </div>
          {problem && (
            <p className="field__error" id={problemId} role="alert">
              {problem}
            </p>
          )}
          <p className="field__hint" id={hintId}>
            PNG、JPEG、WebP 或 GIF 图片，不超过 5 MB；上传后可插入正文或设为封面
          </p>
          {upload.isPending && (
            <p className="field__hint" role="status">
              正在上传图片…
            </p>
          )}
        </div>
      </div>
      {uploaded && (
        <div className="media-upload__result" role="group" aria-label="已上传的图片">
          <img className="media-upload__thumb" src={uploaded.url} alt={`已上传的图片：${uploaded.file_name}`} />
          <div className="media-upload__details">
            <p className="media-upload__name">
              {uploaded.file_name}（{sizeOf(uploaded.byte_size)}）<code>{uploaded.url}</code>
            </p>
            <TextField name="image_alt" label="图片说明" value={alt} onChange={setAlt} hint="插入正文时写在图片的说明里，读者看不到图片时显示" />
            <div className="media-upload__actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  onInsert(imageMarkdown(alt, uploaded.url));
                  setDone('图片已插入正文。');
                }}
              >
                插入正文
              </button>
              <button
                type="button"
                className="button"
                aria-disabled={isCover || undefined}
                onClick={() => {
                  if (isCover) return;
                  onCover(uploaded.url);
                  setDone('已设为封面，保存后生效。');
                }}
              >
                {isCover ? '已是封面' : '设为封面'}
              </button>
            </div>
            {done && (
              <p className="form-success" role="status">
                {done}
              </p>
            )}
          </div>
        </div>
      )}
    </fieldset>
  );
}

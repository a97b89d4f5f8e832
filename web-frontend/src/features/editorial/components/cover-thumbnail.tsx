import { useState } from 'react';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import '@/components/ui/field.css';
import '../editorial.css';

/** What the cover field may hold: an upload's path or a web address (the API checks it again on save). */
const COVER_ADDRESS = /^(\/media\/[\w.-]+|https?:\/\/\S+)$/;

/** A small picture of the cover once its address stops changing; nothing for an address half typed. */
export function CoverThumbnail({ url }: { url: string }) {
  const settled = useDebouncedValue(url.trim(), 400);
  const [broken, setBroken] = useState<string | undefined>();
  if (!COVER_ADDRESS.test(settled)) {
    return null;
  }
  return (
    <div className="field editor__cover">
      <span className="field__label" aria-hidden="true" />
      <div className="field__control">
        {broken === settled ? (
          <p className="field__hint">封面图片无法显示，请检查地址。</p>
        ) : (
          <img className="editor__cover-thumb" src={settled} alt="封面预览" onError={() => setBroken(settled)} />
        )}
      </div>
    </div>
  );
}

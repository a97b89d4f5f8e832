import { useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { MAX_QUERY_LENGTH, searchPath } from '../address';
import '../search.css';

const EMPTY_QUERY_MESSAGE = '请输入要搜索的文字';

/**
 * The header's search box, on every page: sends the reader to `/search?q=…`. On the results page
 * it shows what was searched for (back and forward included); elsewhere it starts empty.
 */
export function SearchBox() {
  const location = useLocation();
  const navigate = useNavigate();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const searched = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [value, setValue] = useState(searched);
  // Follows the address during render (not in an effect) and keeps the same input, so focus stays in it.
  const [shown, setShown] = useState(searched);
  if (shown !== searched) {
    setShown(searched);
    setValue(searched);
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = value.trim();
    if (q === '') {
      // The browser's own bubble on the field, read out with it; gone once the reader types or leaves.
      input.current?.setCustomValidity(EMPTY_QUERY_MESSAGE);
      input.current?.reportValidity();
      return;
    }
    input.current?.setCustomValidity('');
    navigate(searchPath({ q }));
  };

  return (
    <form className="search-box" role="search" aria-label="站内搜索" action="/search" noValidate onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        搜索
      </label>
      <input
        ref={input}
        id={inputId}
        className="search-box__input"
        type="search"
        name="q"
        value={value}
        placeholder="搜索文章"
        maxLength={MAX_QUERY_LENGTH}
        enterKeyHint="search"
        onChange={(event) => {
          event.target.setCustomValidity('');
          setValue(event.target.value);
        }}
        onBlur={(event) => event.target.setCustomValidity('')}
      />
      <button type="submit" className="search-box__button">
        搜索
      </button>
    </form>
  );
}

import { useRef, type KeyboardEvent } from 'react';
import { KIND_LABELS, type MemberKind } from '../fields';
import '../members.css';

const KINDS: readonly MemberKind[] = ['personal', 'enterprise'];

type KindTabsProps = {
  kind: MemberKind;
  onChange: (kind: MemberKind) => void;
  /** The tab panel the selected tab controls. */
  panelId: string;
  /** Prefix of the tabs' ids, so the panel can be labelled by the selected one. */
  idPrefix: string;
};

export function tabId(idPrefix: string, kind: MemberKind): string {
  return `${idPrefix}-tab-${kind}`;
}

/**
 * 个人会员 | 企业会员 as tabs: Tab reaches the selected one, the arrow keys (and Home, End) move to the
 * other and select it at once.
 */
export function KindTabs({ kind, onChange, panelId, idPrefix }: KindTabsProps) {
  const tabs = useRef(new Map<MemberKind, HTMLButtonElement>());

  const select = (next: MemberKind) => {
    onChange(next);
    tabs.current.get(next)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = KINDS.indexOf(kind);
    const next = {
      ArrowRight: KINDS[(at + 1) % KINDS.length],
      ArrowLeft: KINDS[(at - 1 + KINDS.length) % KINDS.length],
      Home: KINDS[0],
      End: KINDS[KINDS.length - 1],
    }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      select(next);
    }
  };

  return (
    <div className="tabs" role="tablist" aria-label="会员类型" onKeyDown={onKeyDown}>
      {KINDS.map((each) => {
        const selected = each === kind;
        return (
          <button
            key={each}
            ref={(element) => {
              if (element) tabs.current.set(each, element);
              else tabs.current.delete(each);
            }}
            type="button"
            role="tab"
            id={tabId(idPrefix, each)}
            className="tabs__tab"
            aria-selected={selected}
            aria-controls={selected ? panelId : undefined}
            tabIndex={selected ? 0 : -1}
            onClick={() => select(each)}
          >
            {KIND_LABELS[each]}
          </button>
        );
      })}
    </div>
  );
}

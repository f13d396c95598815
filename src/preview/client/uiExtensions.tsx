/**
 * The preview's stand-in for `@hubspot/ui-extensions`: the subset of components the Trellis
 * cards use, drawn as HTML (styled by the preview page after HubSpot's look), plus
 * `hubspot.fetch` and the extension context. The cards are bundled against this module in
 * place of the real one, so the preview runs their unchanged source.
 */
import { useState, type ReactNode } from 'react';
import { previewHost } from './host.js';

type Base = { testId?: string; children?: ReactNode };
const tid = (p: { testId?: string }) => (p.testId ? { 'data-testid': p.testId } : {});
const cls = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

export const hubspot = {
  /** As HubSpot's proxy would: the preview server signs the request for the page's portal and user. */
  async fetch(url: string, options: { method?: string; body?: Record<string, unknown>; timeout?: number } = {}): Promise<Response> {
    const host = previewHost();
    const res = await window.fetch('/preview/fetch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url, method: options.method ?? 'GET', body: options.body, portalId: host.portal.id, userId: host.user.id, userEmail: host.user.email }),
    });
    if (res.status === 502) throw new TypeError('network error');
    return res;
  },
  extend: () => {},
};

export function useExtensionContext() {
  const host = previewHost();
  return {
    location: 'crm.record.tab',
    user: { ...host.user, emails: [host.user.email], roles: [], teams: [], permissions: [] },
    portal: host.portal,
    crm: { objectId: Number(host.record.objectId), objectTypeId: host.record.objectTypeId },
  };
}

export const Text = (p: Base & { variant?: 'bodytext' | 'microcopy'; inline?: boolean; format?: { fontWeight?: string; italic?: boolean } }) => {
  const Tag = p.inline ? 'span' : 'p';
  return (
    <Tag {...tid(p)} className={cls('hs-text', p.variant === 'microcopy' && 'hs-micro', p.format?.fontWeight && `hs-${p.format.fontWeight}`, p.format?.italic && 'hs-italic')}>
      {p.children}
    </Tag>
  );
};
export const Heading = (p: Base) => <h3 {...tid(p)} className="hs-heading">{p.children}</h3>;
export const Flex = (p: Base & { direction?: 'row' | 'column'; gap?: string; justify?: string; align?: string; wrap?: boolean | string }) => (
  <div {...tid(p)} className={cls('hs-flex', `hs-${p.direction ?? 'row'}`, `hs-gap-${p.gap ?? 'flush'}`, p.justify && `hs-justify-${p.justify}`, p.align && `hs-align-${p.align}`, p.wrap && 'hs-wrap')}>
    {p.children}
  </div>
);
export const Box = (p: Base) => <div {...tid(p)}>{p.children}</div>;
export const Divider = () => <hr className="hs-divider" />;
export const Tile = (p: Base & { compact?: boolean }) => <section {...tid(p)} className={cls('hs-tile', p.compact && 'hs-compact')}>{p.children}</section>;
export const List = (p: Base & { variant?: string }) => {
  const items = (Array.isArray(p.children) ? p.children : [p.children]).flat().filter(Boolean);
  const ordered = p.variant?.startsWith('ordered');
  const Tag = ordered ? 'ol' : 'ul';
  // HubSpot puts a divider between the items of an inline-divided list. As text, not CSS content, it keeps
  // the items apart wherever the card's text is read (copied, by a screen reader, by a test), not only on screen.
  const divided = p.variant === 'inline-divided';
  return (
    <Tag {...tid(p)} className={cls('hs-list', p.variant && `hs-list-${p.variant}`)}>
      {items.map((child, i) => (
        <li key={i}>
          {divided && i > 0 && <span className="hs-list-divider" aria-hidden="true">{' · '}</span>}
          {child}
        </li>
      ))}
    </Tag>
  );
};
export const Link = (p: Base & { href: string | { url: string } }) => (
  <a {...tid(p)} className="hs-link" href={typeof p.href === 'string' ? p.href : p.href.url} target="_blank" rel="noreferrer">
    {p.children}
  </a>
);

export const Button = (p: Base & { onClick?: () => void; variant?: string; disabled?: boolean; size?: string; type?: 'button' | 'submit' | 'reset' }) => (
  <button {...tid(p)} type={p.type ?? 'button'} className={cls('hs-button', `hs-button-${p.variant ?? 'secondary'}`, p.size && `hs-button-${p.size}`)} disabled={p.disabled} onClick={() => p.onClick?.()}>
    {p.children}
  </button>
);
export const ButtonRow = (p: Base) => <div {...tid(p)} className="hs-button-row">{p.children}</div>;

const TAG_VARIANTS: Record<string, string> = { danger: 'danger', error: 'danger', warning: 'warning', info: 'info', success: 'success' };
export const Tag = (p: Base & { variant?: string }) => <span {...tid(p)} className={cls('hs-tag', `hs-tag-${TAG_VARIANTS[p.variant ?? ''] ?? 'default'}`)}>{p.children}</span>;
export const StatusTag = (p: Base & { variant?: string; hollow?: boolean }) => (
  <span {...tid(p)} className={cls('hs-status', `hs-status-${TAG_VARIANTS[p.variant ?? ''] ?? 'default'}`)}>
    <span className="hs-dot" />
    {p.children}
  </span>
);
export const Alert = (p: Base & { title: string; variant?: string }) => (
  <div {...tid(p)} role="alert" className={cls('hs-alert', `hs-alert-${TAG_VARIANTS[p.variant ?? ''] ?? 'info'}`)}>
    <strong className="hs-alert-title">{p.title}</strong>
    <div>{p.children}</div>
  </div>
);
export const LoadingSpinner = (p: { label: string; showLabel?: boolean; testId?: string }) => (
  <div {...tid(p)} className="hs-spinner" role="status">
    <span className="hs-spinner-wheel" />
    {p.showLabel && <span>{p.label}</span>}
  </div>
);
export const EmptyState = (p: Base & { title?: string }) => (
  <div {...tid(p)} className="hs-empty">
    <div className="hs-empty-art" aria-hidden="true" />
    {p.title && <h3 className="hs-heading">{p.title}</h3>}
    {p.children}
  </div>
);
export const ErrorState = (p: Base & { title?: string }) => (
  <div {...tid(p)} className="hs-error">
    <div className="hs-error-art" aria-hidden="true">!</div>
    {p.title && <h3 className="hs-heading">{p.title}</h3>}
    {p.children}
  </div>
);
export const DescriptionList = (p: Base & { direction?: 'row' | 'column' }) => <dl {...tid(p)} className={cls('hs-dl', p.direction === 'row' && 'hs-dl-row')}>{p.children}</dl>;
export const DescriptionListItem = (p: Base & { label: string }) => (
  <div className="hs-dl-item">
    <dt>{p.label}</dt>
    <dd>{p.children}</dd>
  </div>
);
export const ProgressBar = (p: { value?: number; maxValue?: number; variant?: string; 'aria-label'?: string; testId?: string }) => (
  <div {...tid(p)} className="hs-progress" role="progressbar" aria-label={p['aria-label']} aria-valuenow={p.value} aria-valuemax={p.maxValue}>
    <div className={cls('hs-progress-fill', `hs-progress-${p.variant ?? 'success'}`)} style={{ width: `${Math.min(100, ((p.value ?? 0) / (p.maxValue || 100)) * 100)}%` }} />
  </div>
);
export const Statistics = (p: Base) => <div {...tid(p)} className="hs-stats">{p.children}</div>;
export const StatisticsItem = (p: Base & { label: string; number: string | number }) => (
  <div {...tid(p)} className="hs-stat">
    <div className="hs-stat-label">{p.label}</div>
    <div className="hs-stat-number">{p.number}</div>
    {p.children}
  </div>
);
export const StatisticsTrend = (p: { value: string; direction: 'increase' | 'decrease'; color?: 'red' | 'green' }) => (
  <div className={cls('hs-trend', `hs-trend-${p.color ?? (p.direction === 'increase' ? 'green' : 'red')}`)}>
    {p.direction === 'increase' ? '▲' : '▼'} {p.value}
  </div>
);

type Field<V> = {
  name: string;
  label: string;
  value?: V;
  required?: boolean;
  description?: string;
  placeholder?: string;
  testId?: string;
  error?: boolean;
  validationMessage?: string;
  onChange?: (v: V) => void;
  onInput?: (v: V) => void;
};
const Labelled = (p: { label: string; required?: boolean; description?: string; error?: boolean; validationMessage?: string; testId?: string; children: ReactNode }) => (
  <label className={cls('hs-field', p.error && 'hs-field-error')}>
    <span className="hs-label">
      {p.label}
      {p.required && <span className="hs-required">*</span>}
    </span>
    {p.description && <span className="hs-micro">{p.description}</span>}
    {p.children}
    {p.validationMessage && (
      <span className={p.error ? 'hs-validation-error' : 'hs-validation'} {...(p.testId ? { 'data-testid': `${p.testId}-message` } : {})}>
        {p.validationMessage}
      </span>
    )}
  </label>
);
const changeBoth = <V,>(p: Field<V>, v: V) => {
  p.onInput?.(v);
  p.onChange?.(v);
};
export const Input = (p: Field<string>) => (
  <Labelled {...p}>
    <input {...tid(p)} className="hs-input" name={p.name} placeholder={p.placeholder} value={p.value ?? ''} onChange={(e) => changeBoth(p, e.target.value)} />
  </Labelled>
);
export const SearchInput = (p: Field<string>) => (
  <Labelled {...p}>
    <input {...tid(p)} type="search" className="hs-input hs-search" name={p.name} placeholder={p.placeholder} value={p.value ?? ''} onChange={(e) => changeBoth(p, e.target.value)} />
  </Labelled>
);
export const TextArea = (p: Field<string> & { rows?: number }) => (
  <Labelled {...p}>
    <textarea {...tid(p)} className="hs-input" name={p.name} rows={p.rows ?? 3} value={p.value ?? ''} onChange={(e) => changeBoth(p, e.target.value)} />
  </Labelled>
);
export const NumberInput = (p: Field<number> & { min?: number }) => {
  const [text, setText] = useState(p.value === undefined ? '' : String(p.value));
  return (
    <Labelled {...p}>
      <input
        {...tid(p)}
        className="hs-input"
        inputMode="decimal"
        name={p.name}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value.replace(/,/g, ''));
          if (e.target.value.trim() !== '' && Number.isFinite(n)) changeBoth(p, n);
        }}
      />
    </Labelled>
  );
};
type BaseDate = { year: number; month: number; date: number };
export const DateInput = (p: Omit<Field<BaseDate>, 'onChange'> & { onChange?: (d: BaseDate | null) => void; format?: string }) => {
  const iso = p.value ? `${p.value.year}-${String(p.value.month + 1).padStart(2, '0')}-${String(p.value.date).padStart(2, '0')}` : '';
  return (
    <Labelled {...p}>
      <input
        {...tid(p)}
        type="date"
        className="hs-input"
        name={p.name}
        value={iso}
        onChange={(e) => {
          const [y, m, d] = e.target.value.split('-').map(Number);
          p.onChange?.(y && m && d ? { year: y, month: m - 1, date: d } : null);
        }}
      />
    </Labelled>
  );
};
type Option = { label: string; value: string | number | boolean };
type SelectProps = Omit<Field<string | number | boolean>, 'label' | 'onInput'> & { label?: string; options: Option[]; onInput?: (text: string) => void };

/** With `onInput`, HubSpot's Select is searchable: one box to type in, the matching options listed below it. */
function SearchableSelect(p: SelectProps & { onInput: (text: string) => void }) {
  const chosen = p.options.find((o) => p.value !== undefined && String(o.value) === String(p.value));
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <Labelled label={p.label ?? ''} required={p.required} description={p.description} error={p.error} validationMessage={p.validationMessage} testId={p.testId}>
      <input
        {...tid(p)}
        role="combobox"
        aria-expanded={open}
        className="hs-input hs-search"
        name={p.name}
        placeholder={p.placeholder}
        value={text ?? chosen?.label ?? ''}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          p.onInput(e.target.value);
        }}
      />
      {open && (
        <ul role="listbox" className="hs-listbox">
          {p.options.map((o) => (
            <li
              key={String(o.value)}
              role="option"
              aria-selected={chosen?.value === o.value}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setText(null);
                setOpen(false);
                p.onChange?.(o.value);
              }}
            >
              {o.label}
            </li>
          ))}
        </ul>
      )}
    </Labelled>
  );
}

export const Select = (p: SelectProps) =>
  p.onInput ? (
    <SearchableSelect {...p} onInput={p.onInput} />
  ) : (
    <Labelled label={p.label ?? ''} required={p.required} description={p.description} error={p.error} validationMessage={p.validationMessage} testId={p.testId}>
      <select {...tid(p)} className="hs-input" name={p.name} value={p.value === undefined ? '' : String(p.value)} onChange={(e) => p.onChange?.(e.target.value)}>
        <option value="" disabled>
          {p.placeholder ?? 'Choose'}
        </option>
        {p.options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );

/** A folding section; `open` (when given) is the card's to keep, toggled from `onClick`. */
export function Accordion(p: Base & { title: string; open?: boolean; defaultOpen?: boolean; onClick?: () => void }) {
  const [ownOpen, setOwnOpen] = useState(p.defaultOpen ?? false);
  const open = p.open ?? ownOpen;
  return (
    <section {...tid(p)} className="hs-accordion">
      <button
        type="button"
        className="hs-accordion-title"
        aria-expanded={open}
        onClick={() => {
          setOwnOpen(!open);
          p.onClick?.();
        }}
      >
        {open ? '▾' : '▸'} {p.title}
      </button>
      {open && <div className="hs-accordion-body">{p.children}</div>}
    </section>
  );
}

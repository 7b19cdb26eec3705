import {
  Button,
  Caption1,
  Checkbox,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  SearchBox,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { Principal } from '@ctp/contracts';
import { useEffect, useState } from 'react';
import type { AsyncState } from '../components/CheckAccessPanel.tsx';
import { PrincipalLabel, usePrincipalName, usePrincipalTypeLabel } from '../components/PrincipalLabel.tsx';
import { useAccessControlT } from '../i18n.ts';
import { useDebounced } from '../use-debounced.ts';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  results: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  rowText: { display: 'flex', flexDirection: 'column' },
  refused: { color: tokens.colorPaletteRedForeground1 },
  selected: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface MemberPickerProps {
  open: boolean;
  /** Members already chosen when the panel opens (the wizard mounts the panel afresh each time). */
  initial: Principal[];
  /** Called with the settled search text (debounced); the page runs the Graph search. */
  onSearch: (text: string) => void;
  results: AsyncState<Principal[]>;
  /** Why a principal cannot receive the chosen role (shown beside it; it can still be seen, not picked). */
  refusalOf: (principal: Principal) => string | undefined;
  onSelect: (members: Principal[]) => void;
  onClose: () => void;
}

/** "Select members": debounced directory search, multi-select, then Select. */
export function MemberPicker({
  open,
  initial,
  onSearch,
  results,
  refusalOf,
  onSelect,
  onClose,
}: MemberPickerProps) {
  const styles = useStyles();
  const t = useAccessControlT();
  const principalName = usePrincipalName();
  const typeLabel = usePrincipalTypeLabel();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Principal[]>(initial);
  const settled = useDebounced(text);
  useEffect(() => {
    if (open) onSearch(settled);
  }, [open, settled, onSearch]);

  const isChosen = (p: Principal) => chosen.some((c) => c.id === p.id);
  const toggle = (p: Principal, on: boolean) =>
    setChosen(on ? [...chosen.filter((c) => c.id !== p.id), p] : chosen.filter((c) => c.id !== p.id));

  return (
    <OverlayDrawer
      position="end"
      size="medium"
      open={open}
      onOpenChange={(_, d) => (!d.open ? onClose() : undefined)}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={t('wizard.picker.close')}
              icon={<DismissRegular />}
              onClick={onClose}
            />
          }
        >
          {t('wizard.picker.title')}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        <Field label={t('wizard.picker.search')}>
          <SearchBox
            placeholder={t('wizard.picker.searchPlaceholder')}
            value={text}
            onChange={(_, d) => setText(d.value)}
          />
        </Field>
        {results.loading ? <Spinner size="tiny" label={t('wizard.picker.searching')} /> : null}
        {results.error ? (
          <MessageBar intent="error">
            <MessageBarBody>{t('wizard.picker.failed', { message: results.error })}</MessageBarBody>
          </MessageBar>
        ) : null}
        {results.data && results.data.length === 0 && !results.loading ? (
          <Text>{t('wizard.picker.noResults')}</Text>
        ) : null}
        {results.data && results.data.length > 0 ? (
          <ul className={styles.results} aria-label={t('wizard.picker.results')}>
            {results.data.map((p) => {
              const refusal = refusalOf(p);
              return (
                <li key={p.id} className={styles.row}>
                  <Checkbox
                    checked={isChosen(p)}
                    disabled={!!refusal}
                    aria-label={t('wizard.picker.toggle', { name: principalName(p) })}
                    aria-description={refusal}
                    onChange={(_, d) => toggle(p, d.checked === true)}
                  />
                  <span className={styles.rowText}>
                    <PrincipalLabel principal={p} />
                    <Caption1>{typeLabel(p)}</Caption1>
                    {refusal ? <Caption1 className={styles.refused}>{refusal}</Caption1> : null}
                  </span>
                </li>
              );
            })}
          </ul>
        ) : null}
        <div>
          <Text weight="semibold">{t('wizard.picker.selectedMembers')}</Text>{' '}
          <Text role="status">{t('wizard.picker.selectedCount', { count: chosen.length })}</Text>
          <div className={styles.selected}>
            {chosen.map((p) => (
              <Text key={p.id}>{principalName(p)}</Text>
            ))}
          </div>
        </div>
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" onClick={() => onSelect(chosen)}>
          {t('wizard.picker.select')}
        </Button>
        <Button onClick={onClose}>{t('wizard.picker.close')}</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}

import { Button, Checkbox, Code, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';

/** The ten recovery codes, shown this once: copy, download, and say they are saved before going on. */
export function RecoveryCodes({ codes, onDone, headingOrder = 2 }: { codes: string[]; onDone: () => void; headingOrder?: 2 | 4 }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const text = `${codes.join('\n')}\n`;

  useEffect(() => heading.current?.focus(), []);

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'clientele-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Stack>
      <Title order={headingOrder} size="h4" ref={heading} tabIndex={-1} id="recovery-codes-heading">
        {t('twoStep.codesTitle')}
      </Title>
      <Text size="sm">{t('twoStep.codesIntro')}</Text>
      <SimpleGrid component="ul" cols={2} spacing="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="recovery-codes-heading">
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" onClick={copy}>
              {copied ? t('twoStep.copied') : t('twoStep.copyCodes')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" size="xs" onClick={download}>
          {t('twoStep.downloadCodes')}
        </Button>
      </Group>
      <Checkbox label={t('twoStep.saved')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Group justify="flex-end">
        <Button disabled={!saved} onClick={onDone}>
          {t('twoStep.continue')}
        </Button>
      </Group>
    </Stack>
  );
}

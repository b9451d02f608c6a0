import { useState } from 'react';
import { Alert, Button, Checkbox, Code, Divider, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDeviceDesktop, IconServer2, IconShieldLock } from '@tabler/icons-react';
import type { ConnectionBridge, ConnectionState, ServerProbe } from '@shared/bridge';
import { AuthLayout } from '../../components/AuthLayout';
import { useSessionStore } from '../../stores/session-store';
import { bootstrap } from '../../api/session-actions';

/**
 * The desktop's first question (and, later, "Change server"): keep the data on this computer,
 * or connect to the team's PartnerDesk server. Main checks every address and decides; this
 * screen only shows what it found. A server whose certificate this computer does not trust is
 * connected to only after the user ticks that they compared its fingerprint.
 */
export function ConnectionScreen() {
  const current = useSessionStore((s) => s.connection);
  const bridge = window.partnerDesk?.connection;
  const [choice, setChoice] = useState<'local' | 'connected' | null>(current?.mode === 'connected' ? 'connected' : null);
  const [address, setAddress] = useState(current?.mode === 'connected' ? current.serverUrl : '');
  const [probe, setProbe] = useState<ServerProbe | null>(null);
  const [compared, setCompared] = useState(false);
  const [busy, setBusy] = useState(false);
  const [restarting, setRestarting] = useState(false);

  if (!bridge) return null;
  if (restarting) return <Restarting />;

  const run = async (work: (b: ConnectionBridge) => Promise<ConnectionState | ServerProbe>) => {
    setBusy(true);
    try {
      const answer = await work(bridge);
      if ('mode' in answer) setRestarting(true);
      else setProbe(answer);
    } catch {
      setProbe({ ok: false, reason: 'unreachable', message: 'PartnerDesk could not check this address. Try again.' });
    } finally {
      setBusy(false);
    }
  };
  const check = () => {
    setCompared(false);
    void run((b) => b.probe(address));
  };
  const connect = () => {
    const trust = probe && !probe.ok && probe.reason === 'certificate' && compared ? probe.fingerprint : undefined;
    void run((b) => b.choose({ mode: 'connected', serverUrl: address, ...(trust ? { trustFingerprint: trust } : {}) }));
  };

  return (
    <AuthLayout title="How will you use PartnerDesk?" subtitle="You can change this later; PartnerDesk restarts to apply it." width={560}>
      <Stack gap="md">
        <Option
          icon={<IconDeviceDesktop size={22} />}
          title="Use on this computer"
          text="The data stays on this computer, for a back-office run from one desk."
          selected={choice === 'local'}
          onSelect={() => setChoice('local')}
          testId="connection-local"
        />
        <Option
          icon={<IconServer2 size={22} />}
          title="Connect to a team server"
          text="Your team's PartnerDesk server holds the data; this computer keeps none of it."
          selected={choice === 'connected'}
          onSelect={() => setChoice('connected')}
          testId="connection-server"
        />
        {choice === 'local' ? (
          <Button onClick={() => void run((b) => b.choose({ mode: 'local' }))} loading={busy} data-testid="connection-use-local">
            Use on this computer
          </Button>
        ) : null}
        {choice === 'connected' ? (
          <Paper withBorder p="md">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                check();
              }}
              noValidate
            >
              <Stack gap="sm">
                <TextInput
                  label="Server address"
                  description="As your administrator gave it, e.g. https://desk.example.com"
                  placeholder="https://desk.example.com"
                  value={address}
                  onChange={(event) => {
                    setAddress(event.currentTarget.value);
                    setProbe(null);
                  }}
                  autoFocus
                  required
                  data-testid="connection-url"
                />
                <ProbeResult probe={probe} compared={compared} onCompared={setCompared} />
                <Group justify="flex-end">
                  {probe && (probe.ok || (probe.reason === 'certificate' && compared)) ? (
                    <Button onClick={connect} loading={busy} data-testid="connection-connect">
                      {probe.ok ? 'Connect' : 'Trust and connect'}
                    </Button>
                  ) : (
                    <Button type="submit" loading={busy} disabled={!address.trim()} data-testid="connection-check">
                      Check server
                    </Button>
                  )}
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : null}
        {current && current.mode !== 'unset' ? (
          // Nothing changes until a choice is made: back to where the user was.
          <Button variant="subtle" onClick={() => void bootstrap()} data-testid="connection-cancel">
            Keep the current setting
          </Button>
        ) : null}
      </Stack>
    </AuthLayout>
  );
}

function Option(props: { icon: React.ReactNode; title: string; text: string; selected: boolean; onSelect(): void; testId: string }) {
  return (
    <UnstyledButton onClick={props.onSelect} data-testid={props.testId} aria-pressed={props.selected}>
      <Paper withBorder p="md" style={{ borderColor: props.selected ? 'var(--mantine-primary-color-filled)' : undefined, borderWidth: props.selected ? 2 : 1 }}>
        <Group wrap="nowrap" align="flex-start">
          {props.icon}
          <Stack gap={2}>
            <Text fw={600}>{props.title}</Text>
            <Text size="sm" c="dimmed">
              {props.text}
            </Text>
          </Stack>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

function ProbeResult({ probe, compared, onCompared }: { probe: ServerProbe | null; compared: boolean; onCompared(value: boolean): void }) {
  if (!probe) return null;
  if (probe.ok) {
    return (
      <Alert color="green" icon={<IconCircleCheck size={18} />} title="PartnerDesk server found" data-testid="connection-probe-ok">
        {probe.serverUrl} runs PartnerDesk {probe.serverVersion}, the same version as this desktop.
      </Alert>
    );
  }
  if (probe.reason === 'certificate') {
    return (
      <Alert color="yellow" icon={<IconShieldLock size={18} />} title="Check the server's certificate" data-testid="connection-probe-certificate">
        <Stack gap="xs">
          <Text size="sm">{probe.message}</Text>
          {probe.fingerprint ? (
            <>
              <Text size="xs" c="dimmed">
                SHA-256 fingerprint
              </Text>
              <Code block data-testid="connection-fingerprint">
                {probe.fingerprint}
              </Code>
              <Divider />
              <Checkbox
                checked={compared}
                onChange={(event) => onCompared(event.currentTarget.checked)}
                label="I compared this fingerprint with the one my administrator gave me, and they match"
                data-testid="connection-trust"
              />
            </>
          ) : null}
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Cannot connect" data-testid="connection-probe-error">
      {probe.message}
    </Alert>
  );
}

function Restarting() {
  return (
    <AuthLayout title="Applying your choice">
      <Group justify="center" gap="sm" data-testid="connection-restarting">
        <Loader size="sm" />
        <Text c="dimmed">PartnerDesk restarts…</Text>
      </Group>
    </AuthLayout>
  );
}

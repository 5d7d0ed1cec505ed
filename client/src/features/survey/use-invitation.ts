import { useCallback, useEffect, useState } from 'react';
import { api, NetworkError, ProblemError } from '../../lib/api';

export interface InvitationPlace { province: { code: string; nameVi: string }; commune: { code: string; nameVi: string } }

export type InvitationState =
  | { status: 'none' }
  | { status: 'checking'; code: string }
  | { status: 'valid'; code: string; place: InvitationPlace }
  /** This device already sent a response with this code. */
  | { status: 'answered'; code: string }
  | { status: 'refused'; code: string; error: ProblemError }
  /** Could not be checked (offline): the respondent may answer; the server checks on submission. */
  | { status: 'unchecked'; code: string };

const answeredKey = (wave: string) => `sipas.invitation.${wave}`;
const canonical = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

function answeredWith(wave: string): string | null {
  try { return localStorage.getItem(answeredKey(wave)); } catch { return null; }
}

/**
 * The invitation code a household respondent came with (`/s/:wave?code=…`, from the QR code or typed in):
 * checked with the server to learn the place it was issued for, so the page need not ask it.
 */
export function useInvitation(wave: string) {
  const [state, setState] = useState<InvitationState>(() => {
    const code = new URLSearchParams(location.search).get('code')?.trim();
    if (!code) return { status: 'none' };
    return answeredWith(wave) === canonical(code) ? { status: 'answered', code } : { status: 'checking', code };
  });

  const code = state.status === 'checking' ? state.code : null;
  useEffect(() => {
    if (!code) return;
    let live = true;
    api.get<{ invitation: InvitationPlace }>(`/api/waves/${encodeURIComponent(wave)}/invitation?code=${encodeURIComponent(code)}`).then(
      ({ invitation }) => live && setState({ status: 'valid', code, place: invitation }),
      (err) => {
        if (!live) return;
        if (err instanceof ProblemError) setState({ status: 'refused', code, error: err });
        else if (err instanceof NetworkError) setState({ status: 'unchecked', code });
        else throw err;
      },
    );
    return () => { live = false; };
  }, [wave, code]);

  /** A code typed on the page: it goes into the address too, so a reload keeps it. */
  const enter = useCallback((typed: string) => {
    const url = new URL(location.href);
    url.searchParams.set('code', typed.trim());
    history.replaceState(null, '', url);
    setState({ status: 'checking', code: typed.trim() });
  }, []);

  /** Goes on without a code (the one typed was refused): the address loses it too. */
  const clear = useCallback(() => {
    const url = new URL(location.href);
    url.searchParams.delete('code');
    history.replaceState(null, '', url);
    setState({ status: 'none' });
  }, []);

  /** Remembers on this device that the code was used, so reopening its link thanks rather than refuses. */
  const markAnswered = useCallback(() => {
    if (state.status === 'none') return;
    try { localStorage.setItem(answeredKey(wave), canonical(state.code)); } catch { /* private mode */ }
  }, [wave, state]);

  return { state, enter, clear, markAnswered };
}

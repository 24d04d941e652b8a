import type { TokenEndpointError } from './token-endpoint';

/** What the account page says when the code exchange failed. */
export function exchangeNotice(error: TokenEndpointError): string {
  switch (error.kind) {
    case 'invalid_grant':
      return 'Spotify did not accept the sign-in (the code expired or was already used). Please try again.';
    case 'invalid_client':
      return 'Spotify does not accept this Client ID. Check it, and the redirect URI, in the Spotify dashboard.';
    case 'network':
    case 'server':
    case 'rate_limited':
      return 'Spotify could not be reached to finish the sign-in. Please try again.';
    case 'rejected':
    case 'bad_response':
      return 'Spotify gave an unexpected answer while finishing the sign-in. Please try again.';
  }
}

import { Link } from 'react-router';
import { useConnection } from '../lib/queries';

/** Says when the deployment's shared token (the local demo base) is in use instead of the person's own. */
export function DemoBanner() {
  const { data } = useConnection();
  if (!data || !(data.status === 'default' || data.source === 'default')) return null;
  return (
    <div className="alert alert-info" role="status">
      You are using the <strong>demo base</strong> (this deployment&apos;s shared Airtable token).{' '}
      <Link to="/connect">Connect your own Airtable account</Link> to work with your bases.
    </div>
  );
}

import { Link } from 'react-router';
import { Page } from '../components/Page';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address. <Link to="/bases">Go to your data</Link>.</p>
    </Page>
  );
}

// Templates: the tenant's and the system templates (#/templates), export and import of bundles, and
// one template (#/templates/<id>) with its versions, a field-level diff, a draft edited, the
// back-test of the draft against the published version, and publishing.
import { TemplateList } from './templates/list.jsx';
import { TemplateDetail } from './templates/detail.jsx';
import './templates.css';

export function TemplatesScreen({ me, templateId, query = {} }) {
  return templateId ? <TemplateDetail me={me} templateId={templateId} query={query} key={templateId} /> : <TemplateList me={me} query={query} />;
}

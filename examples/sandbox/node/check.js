// check.js drives DocuSign's official Node SDK (docusign-esign), unmodified,
// against the docusigntest sandbox: a JWT token with requestJWTUserToken,
// account discovery with getUserInfo, an envelope created with a base64
// document, read back with getEnvelope, its document downloaded with
// getDocument, found with listStatusChanges, a signing URL from
// createRecipientView, and a void with update. It exits non-zero on any
// failure.
//
// Usage: NODE_EXTRA_CA_CERTS=ca.pem node check.js sandbox.json
'use strict';

const fs = require('fs');
const docusign = require('docusign-esign');

function fail(msg) {
  throw new Error(msg);
}

function expectEqual(what, got, want) {
  if (got !== want) fail(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

async function main() {
  const configPath = process.argv[2];
  if (!configPath) fail('usage: node check.js <sandbox config JSON written by -config-out>');
  const cfg = JSON.parse(fs.readFileSync(configPath, 'utf8'));

  // The SDK takes the OAuth host without a scheme and prefixes https://;
  // a host:port works, and is also the JWT "aud".
  const oauthHost = new URL(cfg.authServer).host;
  const api = new docusign.ApiClient();
  api.setOAuthBasePath(oauthHost);

  const tokenResp = await api.requestJWTUserToken(cfg.integrationKey, cfg.userId,
    ['signature', 'impersonation'], Buffer.from(cfg.privateKeyPem), 3600);
  const token = tokenResp.body.access_token;
  if (!token) fail('no access_token in the JWT grant answer');
  expectEqual('expires_in', tokenResp.body.expires_in, 3600);
  console.log('1. JWT grant: got an access token for one hour');

  const info = await api.getUserInfo(token);
  const account = info.accounts.find((a) => a.isDefault === 'true');
  if (!account) fail('userinfo lists no default account');
  expectEqual('account id', account.accountId, cfg.accountId);
  console.log(`2. userinfo: default account ${account.accountId} at ${account.baseUri}`);

  api.setBasePath(account.baseUri + '/restapi');
  api.addDefaultHeader('Authorization', 'Bearer ' + token);
  const envelopes = new docusign.EnvelopesApi(api);

  const pdf = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n', 'utf8');
  const definition = docusign.EnvelopeDefinition.constructFromObject({
    emailSubject: 'Node SDK check',
    emailBlurb: 'Sent by the official Node SDK to the docusigntest sandbox.',
    status: 'sent',
    documents: [docusign.Document.constructFromObject({
      documentBase64: pdf.toString('base64'), name: 'Check.pdf', fileExtension: 'pdf',
      documentId: '1',
    })],
    recipients: docusign.Recipients.constructFromObject({
      signers: [docusign.Signer.constructFromObject({
        email: 'signer@example.com', name: 'Node Signer', recipientId: '1',
        routingOrder: '1', clientUserId: '1000',
        tabs: docusign.Tabs.constructFromObject({
          signHereTabs: [docusign.SignHere.constructFromObject({
            documentId: '1', pageNumber: '1', xPosition: '100', yPosition: '100',
          })],
        }),
      })],
    }),
  });
  const summary = await envelopes.createEnvelope(account.accountId,
    { envelopeDefinition: definition });
  expectEqual('created status', summary.status, 'sent');
  console.log(`3. createEnvelope: ${summary.envelopeId} is ${summary.status}`);

  const env = await envelopes.getEnvelope(account.accountId, summary.envelopeId,
    { include: 'recipients' });
  expectEqual('envelopeId', env.envelopeId, summary.envelopeId);
  expectEqual('emailSubject', env.emailSubject, 'Node SDK check');
  expectEqual('status', env.status, 'sent');
  expectEqual('signer', env.recipients.signers[0].email, 'signer@example.com');
  console.log(`4. getEnvelope: "${env.emailSubject}" is ${env.status}, ` +
    `signer ${env.recipients.signers[0].name}`);

  const doc = await envelopes.getDocument(account.accountId, summary.envelopeId, '1', {});
  if (!Buffer.isBuffer(doc) || !doc.equals(pdf)) fail('getDocument: the bytes differ');
  console.log(`5. getDocument: ${doc.length} bytes, identical to the upload`);

  const changes = await envelopes.listStatusChanges(account.accountId, {
    fromDate: new Date(Date.now() - 3600 * 1000).toISOString(), status: 'sent',
  });
  if (!(changes.envelopes || []).some((e) => e.envelopeId === summary.envelopeId)) {
    fail('listStatusChanges does not list the new envelope');
  }
  console.log(`6. listStatusChanges: ${changes.totalSetSize} sent envelope(s) this hour`);

  const view = await envelopes.createRecipientView(account.accountId, summary.envelopeId, {
    recipientViewRequest: docusign.RecipientViewRequest.constructFromObject({
      returnUrl: 'https://app.example.com/done', authenticationMethod: 'none',
      email: 'signer@example.com', userName: 'Node Signer', clientUserId: '1000',
    }),
  });
  if (!view.url || !view.url.startsWith(cfg.baseUri + '/')) fail(`bad view URL ${view.url}`);
  console.log('7. createRecipientView: got a signing URL on the sandbox');

  await envelopes.update(account.accountId, summary.envelopeId, {
    envelope: docusign.Envelope.constructFromObject({
      status: 'voided', voidedReason: 'Node SDK check done',
    }),
  });
  const voided = await envelopes.getEnvelope(account.accountId, summary.envelopeId, {});
  expectEqual('status after void', voided.status, 'voided');
  expectEqual('voidedReason', voided.voidedReason, 'Node SDK check done');
  console.log('8. update: the envelope is voided');
  console.log('Node SDK check passed.');
}

main().catch((err) => {
  const body = err && err.response ? JSON.stringify(err.response.data) : '';
  console.error('Node SDK check FAILED:', err && err.message ? err.message : err, body);
  process.exit(1);
});

import {
  Checkbox,
  Divider,
  Grid,
  Modal,
  Select,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { customersApi, metaApi } from '../../api/endpoints.js';
import type { Customer } from '../../api/types.js';
import { ModalForm } from '../../components/ModalForm.js';
import { formError } from '../../lib/fieldErrors.js';
import { currencyExponent } from '../../lib/money.js';
import { AddressFields } from './AddressFields.js';
import { type Owners, useOwners } from './access.js';
import { CURRENCY_OPTIONS, languageName } from './countries.js';
import { type CustomerDraft, customerDraft, customerInput, newCustomerDraft } from './customerDraft.js';
import { errorAt, pathErrors } from './formErrors.js';
import { PaymentTermsEditor } from './PaymentTermsEditor.js';

/** Top-level body fields this form shows errors on (anything else goes above the form). */
const FIELDS = [
  'code',
  'legalName',
  'billingAddress',
  'shippingAddress',
  'language',
  'currency',
  'paymentTerms',
  'creditLimit',
  'taxId',
  'tags',
  'notes',
  'ownerId',
  'contacts',
];

/** Messages below `prefix.` with the prefix removed; the message at `prefix` itself under ''. */
function below(errors: Record<string, string>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) result[''] = message;
    else if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = message;
  }
  return result;
}

function Section(props: { title: string; children: ReactNode; description?: string }) {
  return (
    <>
      <Divider mt="xs" />
      <div>
        <Title order={5}>{props.title}</Title>
        {props.description ? (
          <Text size="xs" c="dimmed">
            {props.description}
          </Text>
        ) : null}
      </div>
      {props.children}
    </>
  );
}

function ownerOptions(owners: Owners, current: string | null) {
  if (!current || owners.options.some((o) => o.value === current)) return owners.options;
  return [{ value: current, label: owners.nameOf(current) ?? `User ${current}` }, ...owners.options];
}

/**
 * Create a customer (`customer` absent) or edit one: every field, with the server's message on the
 * field it concerns. Mount with a `key` per customer so the form starts from that customer.
 */
export function CustomerFormModal(props: {
  customer?: Customer;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}) {
  const editing = props.customer;
  const queryClient = useQueryClient();
  const owners = useOwners();
  const meta = useQuery({ queryKey: ['meta'], queryFn: metaApi.get, staleTime: 5 * 60_000 });
  const tags = useQuery({ queryKey: ['customers', 'tags'], queryFn: customersApi.tags });
  const [draft, setDraft] = useState<CustomerDraft>(() =>
    editing ? customerDraft(editing) : newCustomerDraft(null),
  );
  const [creditLimitError, setCreditLimitError] = useState<string | null>(null);
  const currency = draft.currency ?? meta.data?.baseCurrency ?? null;
  const set = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const mutation = useMutation({
    mutationFn: () => {
      const built = customerInput({ ...draft, currency }, { withContact: !editing });
      if ('creditLimitError' in built) {
        setCreditLimitError(built.creditLimitError);
        return Promise.reject(new Error('Please correct the highlighted fields.'));
      }
      setCreditLimitError(null);
      if (!editing) return customersApi.create(built.input);
      const { contacts: _contacts, ...update } = built.input;
      return customersApi.update(editing.id, update);
    },
    onSuccess: (customer) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      queryClient.setQueryData(['customers', 'detail', customer.id], customer);
      notifications.show({
        color: 'teal',
        title: editing ? 'Customer saved' : 'Customer created',
        message: `${customer.legalName} (${customer.code})`,
      });
      props.onSaved?.(customer);
      props.onClose();
    },
  });

  const errors = pathErrors(mutation.error);
  const contactErrors = below(errors, 'contacts.0');
  const language = languageName(draft.language);
  const exponent = currency ? currencyExponent(currency) : 2;

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={editing ? `Edit ${editing.legalName}` : 'New customer'}
      size="xl"
    >
      <ModalForm
        message={formError(mutation.error, FIELDS)}
        submitLabel={editing ? 'Save' : 'Create customer'}
        submitting={mutation.isPending}
        onSubmit={() => mutation.mutate()}
        onCancel={props.onClose}
      >
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label="Legal name"
              required
              data-autofocus
              value={draft.legalName}
              onChange={(e) => set('legalName', e.currentTarget.value)}
              error={errors.legalName}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Code"
              placeholder={editing ? undefined : 'Generated, e.g. C-00042'}
              value={draft.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              error={errors.code}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label="Currency"
              description="Of invoices and the credit limit"
              searchable
              data={CURRENCY_OPTIONS}
              value={currency}
              onChange={(value) => set('currency', value)}
              error={errors.currency}
              allowDeselect={false}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Language"
              description={language ?? 'A language code, e.g. en, fr or fr-BE'}
              value={draft.language}
              onChange={(e) => set('language', e.currentTarget.value)}
              error={errors.language}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Tax id"
              description="VAT number, e.g. FR40303265045"
              value={draft.taxId}
              onChange={(e) => set('taxId', e.currentTarget.value)}
              error={errors.taxId}
            />
          </Grid.Col>
        </Grid>

        <Section title="Billing address">
          <AddressFields
            label="Billing"
            required
            value={draft.billingAddress}
            onChange={(value) => set('billingAddress', value)}
            errors={below(errors, 'billingAddress')}
          />
          {errors.billingAddress ? (
            <Text size="xs" c="red">
              {errors.billingAddress}
            </Text>
          ) : null}
        </Section>

        <Section title="Shipping address">
          <Checkbox
            label="Ship to the billing address"
            checked={draft.shipToBilling}
            onChange={(e) => set('shipToBilling', e.currentTarget.checked)}
          />
          {draft.shipToBilling ? null : (
            <AddressFields
              label="Shipping"
              required
              value={draft.shippingAddress}
              onChange={(value) => set('shippingAddress', value)}
              errors={below(errors, 'shippingAddress')}
            />
          )}
        </Section>

        {editing ? null : (
          <Section
            title="Billing contact"
            description="Receives invoices and payment reminders. More contacts can be added on the customer's page."
          >
            <Grid gap="xs">
              <Grid.Col span={{ base: 12, sm: 4 }}>
                <TextInput
                  label="Contact name"
                  value={draft.billingContact.name}
                  onChange={(e) =>
                    set('billingContact', { ...draft.billingContact, name: e.currentTarget.value })
                  }
                  error={contactErrors.name}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 5 }}>
                <TextInput
                  label="Contact email"
                  type="email"
                  value={draft.billingContact.email}
                  onChange={(e) =>
                    set('billingContact', { ...draft.billingContact, email: e.currentTarget.value })
                  }
                  error={contactErrors.email}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 3 }}>
                <TextInput
                  label="Contact phone"
                  value={draft.billingContact.phone}
                  onChange={(e) =>
                    set('billingContact', { ...draft.billingContact, phone: e.currentTarget.value })
                  }
                  error={contactErrors.phone}
                />
              </Grid.Col>
            </Grid>
            {errors.contacts ? (
              <Text size="xs" c="red">
                {errors.contacts}
              </Text>
            ) : null}
          </Section>
        )}

        <Section title="Terms and credit">
          <PaymentTermsEditor
            value={draft.terms}
            onChange={(terms) => set('terms', terms)}
            errors={below(errors, 'paymentTerms')}
          />
          <TextInput
            label="Credit limit"
            description={`In ${currency ?? 'the customer currency'}${exponent === 0 ? ', no decimals' : `, up to ${exponent} decimals`}. Leave empty for no limit.`}
            placeholder="No limit"
            inputMode="decimal"
            rightSection={
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            }
            rightSectionWidth={48}
            value={draft.creditLimit}
            onChange={(e) => set('creditLimit', e.currentTarget.value)}
            error={creditLimitError ?? errors.creditLimit}
            w={280}
          />
        </Section>

        <Section title="Account">
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label="Account owner"
                description={
                  owners.complete || owners.options.length > 0
                    ? 'A user with the sales role'
                    : 'Only administrators can pick another user'
                }
                placeholder="No owner"
                clearable
                searchable
                data={ownerOptions(owners, draft.ownerId)}
                value={draft.ownerId}
                onChange={(value) => set('ownerId', value)}
                error={errors.ownerId}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TagsInput
                label="Tags"
                description="Press Enter after each tag"
                data={tags.data?.tags ?? []}
                value={draft.tags}
                onChange={(value) => set('tags', value)}
                error={errorAt(errors, 'tags')}
                clearable
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={8}
            value={draft.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
          />
        </Section>
      </ModalForm>
    </Modal>
  );
}

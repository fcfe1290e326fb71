import { test } from "node:test";
import assert from "node:assert/strict";

import {
  CUSTOMER_FIELDS,
  emptyCustomerForm,
  firstInvalidField,
  isCustomerField,
  nextField,
  toCustomerInput,
  withFieldErrors,
  withFieldMessage,
  withValue,
} from "../page/src/customer-form.js";

function filledForm() {
  let form = emptyCustomerForm();
  const values = {
    firstName: "Anna",
    lastName: "Muster",
    email: "anna@example.ch",
    phone: "079 123 45 67",
    street: "Bahnhofstrasse 1",
    zip: "8001",
    city: "Zürich",
    country: "CH",
    iban: "CH93 0076 2011 6238 5295 7",
  };
  for (const [field, value] of Object.entries(values)) form = withValue(form, field, value);
  return form;
}

test("a new form is empty except for the only country Revendo accepts", () => {
  const form = emptyCustomerForm();
  assert.deepEqual(form.errors, {});
  for (const field of CUSTOMER_FIELDS) {
    assert.equal(form.values[field], field === "country" ? "CH" : "", field);
  }
});

test("the form covers exactly the contract's customer fields", () => {
  assert.deepEqual([...CUSTOMER_FIELDS].sort(), Object.keys(emptyCustomerForm().values).sort());
});

test("values are kept as typed and sent as a copy", () => {
  const form = filledForm();
  const input = toCustomerInput(form);
  assert.equal(input.phone, "079 123 45 67");
  input.email = "changed@example.ch";
  assert.equal(form.values.email, "anna@example.ch");
});

test("editing returns a new form and leaves the old one untouched", () => {
  const before = emptyCustomerForm();
  const after = withValue(before, "city", "Bern");
  assert.equal(before.values.city, "");
  assert.equal(after.values.city, "Bern");
});

test("field errors from Rust land beside their fields, first problem per field", () => {
  const form = withFieldErrors(filledForm(), [
    { field: "iban", problem: "iban_checksum" },
    { field: "zip", problem: "zip_format" },
    { field: "iban", problem: "iban_format" },
  ]);
  assert.deepEqual(form.errors, { iban: "iban_checksum", zip: "zip_format" });
  assert.equal(form.values.city, "Zürich");
});

test("the sentence beside a field can come from the page's own translation", () => {
  const missing = { field: "city", problem: "missing" };
  const form = withFieldErrors(filledForm(), [missing], (e) => `Pflichtfeld (${e.problem})`);
  assert.deepEqual(form.errors, { city: "Pflichtfeld (missing)" });
});

test("Revendo's refusal of one field is shown beside it, replacing the other errors", () => {
  const before = withFieldErrors(filledForm(), [{ field: "email", problem: "email_syntax" }]);
  const form = withFieldMessage(before, "country", "Only CH addresses");
  assert.deepEqual(form.errors, { country: "Only CH addresses" });
  assert.equal(form.values.city, "Zürich");
});

test("new errors replace the old ones entirely", () => {
  const first = { field: "email", problem: "email_syntax" };
  let form = withFieldErrors(filledForm(), [first]);
  form = withFieldErrors(form, [{ field: "phone", problem: "phone_format" }]);
  assert.deepEqual(form.errors, { phone: "phone_format" });
  assert.deepEqual(withFieldErrors(form, []).errors, {});
});

test("an error for a field the form does not have is ignored", () => {
  const unknown = { field: "shoeSize", problem: "missing" };
  const form = withFieldErrors(filledForm(), [unknown]);
  assert.deepEqual(form.errors, {});
});

test("editing a field clears its error and only its error", () => {
  let form = withFieldErrors(filledForm(), [
    { field: "email", problem: "email_syntax" },
    { field: "zip", problem: "zip_format" },
  ]);
  form = withValue(form, "email", "anna@example.org");
  assert.deepEqual(form.errors, { zip: "zip_format" });
});

test("the cursor goes to the first invalid field in screen order", () => {
  const form = withFieldErrors(filledForm(), [
    { field: "iban", problem: "missing" },
    { field: "phone", problem: "missing" },
  ]);
  assert.equal(firstInvalidField(form), "phone");
  assert.equal(firstInvalidField(filledForm()), null);
});

test("a reset form keeps nothing of the previous customer", () => {
  const zipError = { field: "zip", problem: "zip_format" };
  const used = withFieldErrors(filledForm(), [zipError]);
  const next = emptyCustomerForm();
  assert.deepEqual(next, {
    values: {
      email: "", firstName: "", lastName: "", phone: "", iban: "",
      street: "", zip: "", city: "", country: "CH",
    },
    errors: {},
  });
  assert.notEqual(next.values, used.values);
  const serialized = JSON.stringify(next);
  const typed = ["Anna", "Muster", "anna@", "079", "Bahnhof", "8001", "Zürich", "CH93", "m"];
  for (const value of typed) {
    assert.ok(!serialized.includes(`"${value}`), value);
  }
});

test("each new form is a separate object, so edits of one never reach another", () => {
  const first = emptyCustomerForm();
  first.values.email = "leak@example.ch";
  assert.equal(emptyCustomerForm().values.email, "");
});

test("Enter moves through the fields in order and stops at the last", () => {
  assert.equal(nextField("firstName"), "lastName");
  assert.equal(nextField(CUSTOMER_FIELDS[CUSTOMER_FIELDS.length - 1]), null);
});

test("only contract field names count as customer fields", () => {
  assert.ok(isCustomerField("iban"));
  assert.ok(!isCustomerField("IBAN"));
  assert.ok(!isCustomerField(undefined));
});

// Turns the VerifiMe portal form into a step-by-step wizard: one step at a time, each
// checked before the next, a simulated selfie, a review of the answers, and a draft kept in
// sessionStorage so a reload keeps the customer's edits (the pre-fill applies once).
const form = document.querySelector<HTMLFormElement>('form[data-wizard]');
if (form) wizard(form);

function wizard(form: HTMLFormElement): void {
  const steps = [...form.querySelectorAll<HTMLElement>('section[data-step]')];
  const stepper = [...document.querySelectorAll<HTMLElement>('.stepper li')];
  const draftKey = `kyc-sim/portal/${form.dataset.ref ?? ''}`;
  const picker = form.querySelector<HTMLSelectElement>('select[name=scenario]');
  const autoField = form.querySelector<HTMLInputElement>('input[name=scenarioAuto]');
  const selfieField = form.querySelector<HTMLInputElement>('input[name=selfie]')!;
  const selfieStatus = form.querySelector<HTMLElement>('[data-selfie-status]')!;
  let current = 0;
  let pickerTouched = false;

  const named = () => [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name]')].filter((el) => el.type !== 'file');

  const save = () => {
    const values: Record<string, string> = {};
    for (const el of named()) {
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        if (el.checked) values[el.name] = el.value;
      } else if (el.name !== 'scenario' || pickerTouched) values[el.name] = el.value;
    }
    sessionStorage.setItem(draftKey, JSON.stringify({ step: current, values, pickerTouched }));
  };

  const restore = () => {
    const raw = sessionStorage.getItem(draftKey);
    if (!raw) return;
    const draft = JSON.parse(raw) as { step: number; values: Record<string, string>; pickerTouched: boolean };
    for (const el of named()) {
      const value = draft.values[el.name];
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) el.checked = value === el.value;
      else if (value !== undefined) el.value = value;
    }
    pickerTouched = draft.pickerTouched;
    if (selfieField.value) selfieStatus.textContent = '✓ Selfie taken; liveness check passed.';
    current = Math.min(draft.step, steps.length - 1);
  };

  const show = (index: number, focus: boolean) => {
    current = index;
    steps.forEach((step, i) => (step.hidden = i !== index));
    stepper.forEach((item, i) => {
      item.classList.toggle('done', i < index);
      if (i === index) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    });
    if (steps[index].dataset.step === 'review') fillReview();
    if (focus) {
      const legend = steps[index].querySelector<HTMLElement>('legend');
      legend?.setAttribute('tabindex', '-1');
      legend?.focus();
      window.scrollTo({ top: 0 });
    }
    save();
  };

  const valid = (step: HTMLElement): boolean => {
    for (const el of step.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      if (!el.checkValidity()) {
        el.reportValidity();
        el.focus();
        return false;
      }
    }
    if (step.dataset.step === 'selfie' && !selfieField.value) {
      selfieStatus.textContent = 'Please take the selfie (or choose a photo) before you continue.';
      form.querySelector<HTMLButtonElement>('[data-selfie]')?.focus();
      return false;
    }
    return true;
  };

  const fillReview = () => {
    const data = new FormData(form);
    for (const dd of form.querySelectorAll<HTMLElement>('[data-review-field]')) {
      const name = dd.dataset.reviewField!;
      let value = String(data.get(name) ?? '');
      if (name === 'documentType') value = form.querySelector<HTMLInputElement>(`input[name=documentType][value="${value}"]`)?.closest('label')?.querySelector('strong')?.textContent ?? value;
      if (name === 'selfie') value = value ? 'Taken, liveness check passed' : 'Not taken';
      dd.textContent = value || '—';
    }
    form.querySelector<HTMLElement>('[data-review]')!.hidden = false;
  };

  const convention = (middle: string, fallback: string): string => {
    const m = middle.toLowerCase();
    const name = m.includes('pep') && m.includes('sanction') ? 'pep-sanction' : m.includes('pep') ? 'pep' : m.includes('sanction') ? 'sanction' : fallback;
    return picker && [...picker.options].some((o) => o.value === name) ? name : fallback;
  };

  for (const nav of form.querySelectorAll<HTMLElement>('[data-nav], [data-back]')) nav.hidden = false;
  form.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest('button');
    if (!target) return;
    if (target.hasAttribute('data-next') && valid(steps[current])) show(current + 1, true);
    if (target.hasAttribute('data-back')) show(Math.max(0, current - 1), true);
  });
  form.addEventListener('keydown', (event) => {
    // Enter in a text field moves to the next step instead of submitting the whole form early.
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target instanceof HTMLInputElement && target.type !== 'checkbox' && steps[current].dataset.step !== 'review') {
      event.preventDefault();
      if (valid(steps[current])) show(current + 1, true);
    }
  });

  form.querySelector<HTMLButtonElement>('[data-selfie]')?.addEventListener('click', (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    button.disabled = true;
    selfieStatus.innerHTML = '<span class="spinner" aria-hidden="true"></span> Checking liveness…';
    setTimeout(() => {
      selfieField.value = 'simulated-liveness-passed';
      selfieStatus.innerHTML = '<span class="ok-text">✓ Selfie taken; liveness check passed.</span>';
      button.disabled = false;
      button.textContent = 'Take it again';
      save();
    }, 900);
  });
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type=file][data-filename]')) {
    input.addEventListener('change', () => {
      const target = form.querySelector<HTMLInputElement>(`input[type=hidden][name=${input.dataset.filename}]`);
      const file = input.files?.[0];
      if (!target || !file) return;
      target.value = input.dataset.filename === 'selfie' ? `photo:${file.name}` : file.name;
      if (input.dataset.filename === 'selfie') selfieStatus.textContent = `✓ Photo chosen: ${file.name}`;
      save();
    });
  }

  if (picker && autoField) {
    picker.addEventListener('change', () => {
      pickerTouched = true;
      save();
    });
    form.querySelector<HTMLInputElement>('input[name=middleName]')?.addEventListener('input', (event) => {
      if (pickerTouched) return;
      picker.value = convention((event.target as HTMLInputElement).value, picker.dataset.fallback ?? '');
      autoField.value = picker.value;
    });
  }
  form.addEventListener('input', save);
  form.addEventListener('submit', () => sessionStorage.removeItem(draftKey));

  restore();
  if (picker && autoField && !pickerTouched) {
    picker.value = convention(form.querySelector<HTMLInputElement>('input[name=middleName]')?.value ?? '', picker.dataset.fallback ?? '');
    autoField.value = picker.value;
  }
  show(current, false);
}

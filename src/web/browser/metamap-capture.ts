// The MetaMap verification page's capture: a simulated camera draws a specimen document
// (front, and back for two-sided documents) and a selfie; or the customer uploads files.
// Submitting sends them exactly like send-input: an `inputs` JSON part plus files matched
// by filename, with the outcome picker's choice alongside.
import { h } from './dom.js';

interface Shot {
  blob: Blob;
  filename: string;
}

const LABELS: Record<string, string> = { 'national-id': 'NATIONAL ID', passport: 'PASSPORT', 'driving-license': "DRIVER'S LICENSE", 'proof-of-residency': 'PROOF OF RESIDENCY' };

const form = document.getElementById('capture-form') as HTMLFormElement | null;
if (form) capture(form);

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas is empty'))), 'image/png'));
}

function face(ctx: CanvasRenderingContext2D, x: number, y: number, size: number): void {
  ctx.fillStyle = '#c7b9ff';
  ctx.beginPath();
  ctx.arc(x, y + size * 0.95, size * 0.75, Math.PI, 0);
  ctx.fill();
  ctx.fillStyle = '#e9c9a8';
  ctx.beginPath();
  ctx.ellipse(x, y, size * 0.38, size * 0.48, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#3b2f2a';
  ctx.fillRect(x - size * 0.16, y - size * 0.06, size * 0.07, size * 0.07);
  ctx.fillRect(x + size * 0.09, y - size * 0.06, size * 0.07, size * 0.07);
}

function drawDocument(canvas: HTMLCanvasElement, type: string, country: string, side: string): void {
  const ctx = canvas.getContext('2d')!;
  const gradient = ctx.createLinearGradient(0, 0, canvas.width, canvas.height);
  gradient.addColorStop(0, '#eef2ff');
  gradient.addColorStop(1, '#dbeafe');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#312e81';
  ctx.fillRect(0, 0, canvas.width, 34);
  ctx.fillStyle = '#fff';
  ctx.font = 'bold 15px sans-serif';
  ctx.fillText(`${LABELS[type] ?? type.toUpperCase()} · ${country}`, 12, 23);
  ctx.fillStyle = '#475569';
  ctx.font = '11px monospace';
  if (side === 'front') {
    ctx.fillStyle = '#fff';
    ctx.fillRect(14, 46, 84, 104);
    face(ctx, 56, 88, 60);
    ctx.fillStyle = '#1e293b';
    ctx.font = 'bold 13px sans-serif';
    ctx.fillText('SPECIMEN', 112, 62);
    ctx.font = '11px sans-serif';
    ['Surname  SAMPLE', 'Given names  ALEX', 'Date of birth  1990-04-12', 'Document no.  X1234567', 'Expiry  2031-04-11'].forEach((line, i) => ctx.fillText(line, 112, 84 + i * 17));
  } else {
    for (let x = 14; x < canvas.width - 14; x += 3) ctx.fillRect(x, 50, Math.random() > 0.5 ? 2 : 1, 46);
    ctx.fillStyle = '#1e293b';
    ['IDMEX1234567<<<<<<<<<<<<<<<<<<', '9004125M3104117MEX<<<<<<<<<<<4', 'SAMPLE<<ALEX<<<<<<<<<<<<<<<<<<'].forEach((line, i) => ctx.fillText(line, 14, 130 + i * 16));
  }
  ctx.save();
  ctx.globalAlpha = 0.14;
  ctx.fillStyle = '#7c3aed';
  ctx.font = 'bold 40px sans-serif';
  ctx.translate(70, 170);
  ctx.rotate(-0.25);
  ctx.fillText('kyc-sim', 0, 0);
  ctx.restore();
}

function drawSelfie(canvas: HTMLCanvasElement): void {
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#ede9fe';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  face(ctx, canvas.width / 2, canvas.height / 2 - 10, 120);
  ctx.strokeStyle = '#5b3fd6';
  ctx.lineWidth = 4;
  ctx.setLineDash([10, 8]);
  ctx.beginPath();
  ctx.ellipse(canvas.width / 2, canvas.height / 2 - 10, 62, 78, 0, 0, Math.PI * 2);
  ctx.stroke();
}

/** A few bytes that start like an MP4 (`ftyp` box): the simulator keeps uploads as they are. */
const fakeVideo = () => new Blob([new Uint8Array([0, 0, 0, 0x18]), 'ftypmp42 kyc-sim simulated liveness video'], { type: 'video/mp4' });

function capture(form: HTMLFormElement): void {
  const identity = form.dataset.identity!;
  const biometric = form.dataset.biometric ?? 'none';
  const shots = new Map<string, Shot>();
  const submitStatus = document.getElementById('submit-status')!;
  const errors = document.getElementById('submit-errors')!;

  const setShot = (key: string, shot: Shot | undefined, status: HTMLElement, text: string) => {
    if (shot) shots.set(key, shot);
    else shots.delete(key);
    errors.replaceChildren();
    status.replaceChildren(shot ? h('span', { class: 'ok-text' }, `✓ ${text}`) : text);
  };

  for (const section of form.querySelectorAll<HTMLElement>('section[data-group]')) {
    const group = section.dataset.group!;
    const checked = () => section.querySelector<HTMLInputElement>('input[type=radio]:checked')!;
    const country = () => section.querySelector<HTMLSelectElement>('select')!.value;
    const sides = () => (checked().dataset.twoSided === 'yes' ? ['front', 'back'] : ['front']);
    const updateSides = () => {
      for (const box of section.querySelectorAll<HTMLElement>('[data-side]')) {
        box.hidden = !sides().includes(box.dataset.side!);
        if (box.hidden) shots.delete(`g${group}-${box.dataset.side}`);
      }
    };
    section.addEventListener('change', (event) => {
      if ((event.target as HTMLInputElement).type === 'radio') updateSides();
    });
    updateSides();
    for (const side of ['front', 'back']) {
      const status = section.querySelector<HTMLElement>(`[data-status=${side}]`)!;
      const canvas = section.querySelector<HTMLCanvasElement>(`[data-preview=${side}]`)!;
      section.querySelector<HTMLButtonElement>(`[data-capture=${side}]`)!.addEventListener('click', async () => {
        drawDocument(canvas, checked().value, country(), side);
        canvas.hidden = false;
        setShot(`g${group}-${side}`, { blob: await toBlob(canvas), filename: `document-${group}-${side}.png` }, status, 'Photo taken');
      });
      section.querySelector<HTMLInputElement>(`[data-upload=${side}]`)!.addEventListener('change', (event) => {
        const file = (event.target as HTMLInputElement).files?.[0];
        if (file) setShot(`g${group}-${side}`, { blob: file, filename: `g${group}-${side}-${file.name}` }, status, file.name);
      });
    }
  }

  const selfieSection = form.querySelector<HTMLElement>('section[data-biometric]');
  if (selfieSection) {
    const status = selfieSection.querySelector<HTMLElement>('[data-status=selfie]')!;
    const canvas = selfieSection.querySelector<HTMLCanvasElement>('[data-preview=selfie]')!;
    const button = selfieSection.querySelector<HTMLButtonElement>('[data-capture=selfie]')!;
    button.addEventListener('click', async () => {
      button.disabled = true;
      drawSelfie(canvas);
      canvas.hidden = false;
      status.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), biometric === 'selfie-video' ? ' Recording…' : ' Capturing…');
      await new Promise((r) => setTimeout(r, 700));
      const shot = biometric === 'selfie-video' ? { blob: fakeVideo(), filename: 'selfie-video.mp4' } : { blob: await toBlob(canvas), filename: 'selfie.png' };
      setShot('selfie', shot, status, biometric === 'selfie-video' ? 'Video recorded' : 'Selfie taken');
      button.disabled = false;
    });
    selfieSection.querySelector<HTMLInputElement>('[data-upload=selfie]')!.addEventListener('change', (event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) setShot('selfie', { blob: file, filename: `selfie-${file.name}` }, status, file.name);
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const inputs: object[] = [];
    const files: [string, Shot][] = [];
    for (const section of form.querySelectorAll<HTMLElement>('section[data-group]')) {
      const group = Number(section.dataset.group);
      const type = section.querySelector<HTMLInputElement>('input[type=radio]:checked')!.value;
      const country = section.querySelector<HTMLSelectElement>('select')!.value;
      for (const box of section.querySelectorAll<HTMLElement>('[data-side]')) {
        if (box.hidden) continue;
        const shot = shots.get(`g${group}-${box.dataset.side}`);
        if (!shot) return missing(box.querySelector<HTMLButtonElement>('[data-capture]')!, `Take or upload the ${box.dataset.side} of the document first.`);
        inputs.push({ inputType: 'document-photo', group, data: { type, country, region: '', page: box.dataset.side, filename: shot.filename } });
        files.push(['document', shot]);
      }
    }
    if (selfieSection) {
      const shot = shots.get('selfie');
      if (!shot) return missing(selfieSection.querySelector<HTMLButtonElement>('[data-capture]')!, 'Take the selfie first.');
      inputs.push({ inputType: biometric, data: { filename: shot.filename } });
      files.push([biometric === 'selfie-video' ? 'video' : 'selfie', shot]);
    }
    const body = new FormData();
    body.append('inputs', JSON.stringify(inputs));
    body.append('scenario', (form.elements.namedItem('scenario') as HTMLSelectElement).value);
    body.append('scenarioAuto', (form.elements.namedItem('scenarioAuto') as HTMLInputElement).value);
    for (const [field, shot] of files) body.append(field, shot.blob, shot.filename);
    submitStatus.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' Sending…');
    const response = await fetch(`/verify/${identity}/inputs`, { method: 'POST', body });
    const answer = (await response.json()) as { message?: string; results?: { error?: { code: string; message: string } }[] };
    const failures = (answer.results ?? []).filter((r) => r.error);
    if (!response.ok || failures.length > 0) {
      submitStatus.textContent = '';
      errors.replaceChildren(h('p', { class: 'notice error' }, answer.message ?? 'Some files were not accepted:', h('ul', {}, ...failures.map((f) => h('li', {}, `${f.error!.code}: ${f.error!.message}`)))));
      return;
    }
    submitStatus.textContent = 'Sent.';
    location.assign(`/verify/${identity}`);
  });

  function missing(button: HTMLButtonElement, message: string): void {
    errors.replaceChildren(h('p', { class: 'notice error' }, message));
    button.focus();
  }
}

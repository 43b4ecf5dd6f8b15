import { describe, it, expect } from 'vitest';
import { ModelInputError } from '../../../layers/core/errors.ts';

describe('ModelInputError', () => {
  it('carries code, title, detail and extensions for a 422; message defaults to the detail', () => {
    class TooSmall extends ModelInputError {}
    const e = new TooSmall({ code: 'too_small', title: 'Parcel too small', detail: 'area 0.01 ha < 0.04 ha', extensions: { min_ha: 0.04 } });
    expect(e).toBeInstanceOf(ModelInputError);
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.title, e.detail, e.message]).toEqual(['too_small', 'Parcel too small', 'area 0.01 ha < 0.04 ha', 'area 0.01 ha < 0.04 ha']);
    expect(e.extensions).toEqual({ min_ha: 0.04 });
    const plain = new ModelInputError({ code: 'x', title: 'X', detail: 'd', message: 'long message' });
    expect([plain.message, plain.name]).toEqual(['long message', 'ModelInputError']);
    expect(plain.extensions).toEqual({});
  });
});

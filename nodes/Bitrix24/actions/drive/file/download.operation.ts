import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { bitrix24Call, downloadFromPortal } from '../../../../shared/transport';
import { forVersion, paramProperty } from '../../method-table/build';
import { paramError, readPositiveId } from '../../params';
import { filePicker } from '../drive-params';
import type { OperationEntry } from '../../types';
import { withoutDownloadUrl } from '../download-links';

/** The file, then where its bytes go. */
function properties(file: INodeProperties): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: ['file'], operation: ['download'] } }, [
		file,
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the output binary field to put the file in',
		},
	]);
}

/**
 * Download: disk.file.get for the metadata and the DOWNLOAD_URL, then the bytes from that URL with
 * the node's credential. The item's json is the file without its DOWNLOAD_URL.
 */
export const downloadFile: OperationEntry = {
	value: 'download',
	name: 'Download',
	action: 'Download a file',
	description: "Download a file's content as binary data (disk.file.get, then its download link)",
	operation: {
		description: properties({
			displayName: 'File ID',
			name: 'fileId',
			type: 'string',
			default: '',
			required: true,
		}),
		v2Description: properties(
			paramProperty(
				forVersion(
					{
						name: 'fileId',
						label: 'File ID',
						path: 'id',
						type: 'id',
						required: true,
						v2: filePicker('File', 'The file to download'),
					},
					2,
				),
			),
		),
		async run(itemIndex) {
			const id = readPositiveId(
				this,
				this.getNodeParameter('fileId', itemIndex, '', { extractValue: true }),
				'File ID',
				itemIndex,
			);
			const property = String(
				this.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
			).trim();
			if (!property) throw paramError(this, itemIndex, 'Put Output File in Field', 'is required');
			const file = ((await bitrix24Call(this, 'disk.file.get', { id }, itemIndex)).result ??
				{}) as IDataObject;
			const link = typeof file.DOWNLOAD_URL === 'string' ? file.DOWNLOAD_URL : '';
			const name = typeof file.NAME === 'string' && file.NAME ? file.NAME : `file-${id}`;
			if (!link) {
				throw new NodeApiError(
					this.getNode(),
					{ message: 'no download link' },
					{
						message: `Bitrix24: disk.file.get gave no download link for file ${id}`,
						itemIndex,
					},
				);
			}
			const download = await downloadFromPortal(this, link, itemIndex);
			const binary = await this.helpers.prepareBinaryData(
				download.content,
				name,
				download.mimeType,
			);
			return {
				json: withoutDownloadUrl(file),
				binary: { [property]: binary },
			} as unknown as IDataObject;
		},
	},
};
